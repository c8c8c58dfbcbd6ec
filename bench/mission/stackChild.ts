// Child process of the harness: the whole Territoires Graph stack (simulators, subgraphs,
// gateway) as `npm start` runs it, on free ports, counting the requests each service receives.
import { runMain } from '../../kit/src/env.js';
import { SERVICES } from '../../stack/registry.js';
import { startStack } from '../../stack/startStack.js';
import { serveHarness } from '../child.js';

runMain('bench stack', async () => {
  const stack = await startStack({ freePorts: true, env: { ...process.env } });
  // The mirror's first sync reads the simulators' exports: done before counting query-time calls.
  await stack.mirrorSync.scheduler.firstSync;
  const counts = { upstream: 0, subgraph: 0 };
  // Per service too, so the report can say which operator's upstream calls grow.
  const byService: Record<string, number> = {};
  const kinds = new Map(SERVICES.map((service) => [service.name, service.kind]));
  for (const [name, running] of Object.entries(stack.services)) {
    const kind = kinds.get(name);
    if (kind === undefined) continue; // the gateway itself
    byService[name] = 0;
    running.server.on('request', () => {
      byService[name] = (byService[name] ?? 0) + 1;
      if (kind === 'simulator') counts.upstream++;
      else counts.subgraph++;
    });
  }
  const subgraphUrls = Object.fromEntries(
    Object.entries(stack.env).filter(([key]) => /^SUBGRAPH_[A-Z0-9_]+_URL$/.test(key)),
  );
  serveHarness(
    {
      url: `${stack.gatewayUrl}/graphql`,
      subgraphUrls,
      // This run's secret: a gateway started beside the stack must send it to reach the subgraphs.
      gatewaySecret: stack.env.GATEWAY_SECRET,
      simulators: SERVICES.filter((s) => s.kind === 'simulator').map((s) => s.name),
      subgraphs: SERVICES.filter((s) => s.kind === 'subgraph').map((s) => s.name),
    },
    {
      counts: () => ({ ...counts, byService: { ...byService } }),
      subgraphCounts: () => ({ subgraph: counts.subgraph }),
    },
  );
});
