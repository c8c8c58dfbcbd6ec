// A tiny local upstream on a free port speaking the three real protocols the mirror reads:
// a static CSV file with ETag/304, an Opendatasoft v2.1 CSV export with `where`, and data-fair
// `lines` paging. Faults on demand: a download cut halfway, a 500 in the middle of the paging.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawRow } from '../../src/mirror/parsers/parseResult.js';

/** What the fake serves; tests change it between syncs. */
export interface UpstreamState {
  fondsVertCsv: string;
  relanceRows: RawRow[];
  relanceHeader: string[];
  ademeRows: RawRow[];
  ademeUpdatedAt: string;
  /** data-fair page (1-based) that answers 500, if any. */
  failAdemePage?: number;
}

/** A running fake upstream and what it was asked. */
export interface FakeUpstream {
  url: string;
  state: UpstreamState;
  /** Every request's method and URL, in order. */
  requests: string[];
  /** Requests whose answer carried a full dataset body. */
  fullBodies: string[];
  close(): Promise<void>;
}

function csvLine(values: unknown[], separator: string): string {
  return values.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(separator);
}

/** Starts the fake upstream on a free port of 127.0.0.1. */
export async function startFakeUpstream(state: UpstreamState): Promise<FakeUpstream> {
  const requests: string[] = [];
  const fullBodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${req.url}`);
    if (url.pathname === '/fondsvert.csv' || url.pathname === '/truncated.csv') {
      const body = state.fondsVertCsv;
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (url.pathname === '/fondsvert.csv' && req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      const bytes = Buffer.from(body);
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': bytes.length, etag });
      if (url.pathname === '/truncated.csv') {
        // Half the file, then the connection dies: what a crash or a network cut looks like.
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
        return;
      }
      fullBodies.push(url.pathname);
      res.end(bytes);
      return;
    }
    if (url.pathname === '/api/explore/v2.1/catalog/datasets/plan-de-relance/exports/csv') {
      const where = url.searchParams.get('where');
      let rows = state.relanceRows;
      if (where) {
        const m = /^mise_a_jour > date'(\d{4}-\d{2}-\d{2})'$/.exec(where);
        if (!m) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error_code: 'ODSQLError', message: `bad where: ${where}` }));
          return;
        }
        rows = rows.filter((r) => String(r.mise_a_jour) > m[1]!);
      } else fullBodies.push(url.pathname);
      const lines = [
        state.relanceHeader.join(';'),
        ...rows.map((r) =>
          csvLine(
            state.relanceHeader.map((h) => r[h]),
            ';',
          ),
        ),
      ];
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(`${lines.join('\r\n')}\r\n`);
      return;
    }
    const ademe = '/data-fair/api/v1/datasets/les-aides-financieres-de-l%27ademe';
    if (req.url === ademe) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: "les-aides-financieres-de-l'ademe", dataUpdatedAt: state.ademeUpdatedAt }),
      );
      return;
    }
    if (url.pathname === `${ademe}/lines` || req.url?.startsWith(`${ademe}/lines`)) {
      const size = Number(url.searchParams.get('size') ?? 10);
      const after = Number(url.searchParams.get('after') ?? 0);
      const page = Math.floor(after / size) + 1;
      if (state.failAdemePage === page) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      }
      if (after === 0) fullBodies.push('ademe');
      const results = state.ademeRows.slice(after, after + size);
      const next =
        after + size < state.ademeRows.length
          ? `http://${req.headers.host}${ademe}/lines?size=${size}&after=${after + size}`
          : undefined;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ total: state.ademeRows.length, results, ...(next ? { next } : {}) }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    fullBodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
