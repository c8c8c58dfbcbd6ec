// Composes the public workload's supergraph from the four subgraph schemas, routed to wherever
// the harness started them, with the repository's own composition tool.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSdls } from '../tools/composition.js';
import { BENCH_SUBGRAPHS } from './subgraphs/server.js';

/** Composes the workload supergraph for `urls` (subgraph name → URL) and writes it to a temporary file. */
export function writeBenchSupergraph(urls: Record<string, string>): string {
  const outcome = composeSdls(
    BENCH_SUBGRAPHS.map((subgraph) => {
      const url = urls[subgraph.name];
      if (!url) throw new Error(`no URL for workload subgraph ${subgraph.name}`);
      return { name: subgraph.name, url, sdl: readFileSync(subgraph.schemaPath, 'utf8') };
    }),
  );
  if (!outcome.ok) throw new Error(`the workload supergraph does not compose:\n${outcome.errors.join('\n')}`);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-supergraph-')), 'supergraph.graphql');
  writeFileSync(file, outcome.supergraphSdl);
  return file;
}
