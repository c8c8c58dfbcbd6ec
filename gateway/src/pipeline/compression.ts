// Response compression: a client that accepts gzip (every browser, so every dashboard) gets the
// answer gzipped when it is worth it. A region's picture is some 600 KB of JSON and about a tenth
// of that gzipped. The work runs on libuv's thread pool, off the thread that executes operations,
// and a cached answer is compressed once: its hits send the same bytes.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Below this many characters an answer is sent as it is (gzip's framing would outweigh the gain). */
export const MIN_COMPRESSED_CHARS = 1024;

/** Whether an Accept-Encoding header accepts gzip (listed, or `*`, with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** The gzip bytes of each cached answer, made once and dropped with the answer. */
const gzipped = new WeakMap<object, Promise<Buffer>>();

/** Gzips `body`; with an `owner` (a cached answer), only the first call does the work. */
export function gzipOf(body: string, owner?: object): Promise<Buffer> {
  if (owner === undefined) return gzipAsync(body);
  let found = gzipped.get(owner);
  if (found === undefined) {
    found = gzipAsync(body);
    gzipped.set(owner, found);
    // A failure is not kept: the next hit tries again.
    found.catch(() => gzipped.delete(owner));
  }
  return found;
}
