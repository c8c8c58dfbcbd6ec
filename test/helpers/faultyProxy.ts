// A real HTTP proxy put in front of a simulator, for tests of what a client does when the upstream
// misbehaves partway: it counts the calls it forwards, can answer 503 from the Nth call on, and can
// spoil one JSON item of the next answer that has any (with a value the client must refuse).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The proxy and its switches. */
export interface FaultyProxy {
  url: string;
  /** Calls forwarded or refused since start (or the last reset). */
  calls: number;
  /** From this call number on (1-based), every call answers 503; undefined: never. */
  failFrom?: number;
  /** Set to spoil the next answer holding a list `listField`: its first item gets `field: value`. */
  spoil?: { listField: string; field: string; value: unknown };
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy of `target` on a free port. */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const proxy: FaultyProxy = {
    url: '',
    calls: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    void (async () => {
      proxy.calls++;
      const body = await bodyOf(request);
      if (proxy.failFrom !== undefined && proxy.calls >= proxy.failFrom) {
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      }
      const upstream = await fetch(new URL(request.url ?? '/', target), {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
      });
      let text = await upstream.text();
      const spoil = proxy.spoil;
      if (spoil && upstream.ok) {
        const json = JSON.parse(text) as Record<string, unknown>;
        const list = json[spoil.listField];
        if (Array.isArray(list) && list.length > 0) {
          (list[0] as Record<string, unknown>)[spoil.field] = spoil.value;
          proxy.spoil = undefined;
          text = JSON.stringify(json);
        }
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding')
          out[name] = value;
      });
      response.writeHead(upstream.status, out).end(text);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
