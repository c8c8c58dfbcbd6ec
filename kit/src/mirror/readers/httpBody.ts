// The HTTP bits the readers share: conditional requests from a cursor, coded errors for bad
// statuses, and a response body as a stream of text chunks.
import { CodedError, ErrorCode } from '../../errors.js';
import type { SyncCursor } from '../schema.js';

/** If-None-Match / If-Modified-Since from what the last sync saw. */
export function conditionalHeaders(cursor: SyncCursor | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (cursor?.etag) headers['if-none-match'] = cursor.etag;
  if (cursor?.lastModified) headers['if-modified-since'] = cursor.lastModified;
  return headers;
}

/** The validators of a response, for the next conditional request. */
export function validatorsOf(response: Response): SyncCursor {
  const cursor: SyncCursor = {};
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) cursor.etag = etag;
  if (lastModified) cursor.lastModified = lastModified;
  return cursor;
}

/** Throws UPSTREAM_BAD_RESPONSE unless the response is 2xx (or 304 when allowed). */
export async function expectOk(response: Response, url: string): Promise<void> {
  if (response.ok || response.status === 304) return;
  const body = (await response.text().catch(() => '')).slice(0, 200);
  throw new CodedError(ErrorCode.UPSTREAM_BAD_RESPONSE, `${url} answered HTTP ${response.status}: ${body}`, {
    status: response.status,
  });
}

/** The body as decoded text chunks, as they arrive; a cut connection throws while iterating. */
export async function* textChunks(response: Response): AsyncIterable<string> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
