// Response compression through the real gateway over HTTP: a caller that accepts gzip gets the
// answer gzipped (and `Vary: Accept-Encoding`), the same JSON once unzipped; a caller that does not
// gets it as it is; a small answer is never compressed; a cached answer's hits send the same bytes;
// COMPRESSION=false turns it off. Requests go through node:http, which adds no Accept-Encoding.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway/test/helpers.js';
import { startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0' } });
});
afterAll(() => stack?.stop());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

function postRaw(url: string, query: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

// Some 20 KB of JSON: every region with its departments.
const LARGE = '{ regions { code name departments { code name } } }';
const SMALL = '{ region(code: "44") { name } }';

describe('response compression', () => {
  it('gzips a large answer for a caller that accepts gzip, and sends it plain otherwise', async () => {
    const url = `${stack.gatewayUrl}/graphql`;
    const plain = await postRaw(url, LARGE);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.bytes.length).toBeGreaterThan(1024);
    const zipped = await postRaw(url, LARGE, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(gunzipSync(zipped.bytes).toString('utf8'))).toEqual(
      JSON.parse(plain.bytes.toString('utf8')),
    );
    // gzip refused explicitly: plain.
    const refused = await postRaw(url, LARGE, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.bytes.equals(plain.bytes)).toBe(true);
  });

  it('sends the same gzip bytes for every hit of a cached answer, and leaves a small answer alone', async () => {
    const url = `${stack.gatewayUrl}/graphql`;
    const first = await postRaw(url, LARGE, { 'accept-encoding': 'gzip' });
    const again = await postRaw(url, LARGE, { 'accept-encoding': 'gzip' });
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.bytes.equals(first.bytes)).toBe(true);
    const small = await postRaw(url, SMALL, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString('utf8'))).toEqual({ data: { region: { name: 'Grand Est' } } });
  });

  it('sends answers plain when COMPRESSION is false', async () => {
    const gateway = await startGateway({ ...stack.env, COMPRESSION: 'false' });
    try {
      const answer = await postRaw(gateway.graphql, LARGE, { 'accept-encoding': 'gzip' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary ?? '').not.toMatch(/accept-encoding/i);
      expect(JSON.parse(answer.bytes.toString('utf8')).data.regions.length).toBeGreaterThan(10);
    } finally {
      await gateway.stop();
    }
  });
});
