// Child process of the harness: serves the four workload subgraphs on free ports, counts the
// requests each receives, and answers the harness over IPC ({type:'counts'} → counts so far).
import { listenSubgraph } from '../../kit/src/subgraphServer.js';
import { runMain } from '../../kit/src/env.js';
import { BENCH_SUBGRAPHS, createBenchSubgraphServer } from './server.js';
import { serveHarness } from '../child.js';

runMain('bench subgraphs', async () => {
  const urls: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const subgraph of BENCH_SUBGRAPHS) {
    const running = await listenSubgraph(createBenchSubgraphServer(subgraph), {
      port: 0,
      context: () => ({}),
    });
    counts[subgraph.name] = 0;
    running.server.on('request', () => {
      counts[subgraph.name] = (counts[subgraph.name] ?? 0) + 1;
    });
    urls[subgraph.name] = `${running.url}/graphql`;
  }
  serveHarness({ urls }, { counts: () => ({ ...counts }) });
});
