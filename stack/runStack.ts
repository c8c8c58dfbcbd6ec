// What `npm start` runs: the whole stack, its addresses printed, subgraph code reloaded when it
// changes, and one handler per signal for the whole process (Apollo Server adds none of its own:
// see kit/src/subgraphServer.ts), which stops everything cleanly.
import { REPO_ROOT } from '../kit/src/paths.js';
import { SERVICES } from './registry.js';
import { startStack, type Stack, type StackOptions } from './startStack.js';
import { watchSubgraphs, type SubgraphReloader } from './subgraphReload.js';

/** Options of {@link runStack}. */
export interface RunStackOptions extends StackOptions {
  /** Watch subgraphs and reload the one whose code changed (default: SUBGRAPH_RELOAD, true). */
  reload?: boolean;
}

/** The running stack, its reloader, and how to stop both. */
export interface RunningStack {
  stack: Stack;
  reloader?: SubgraphReloader;
  stop(): Promise<void>;
}

/** Starts the stack, prints where everything is, and stops it all on SIGINT or SIGTERM. */
export async function runStack(options: RunStackOptions = {}): Promise<RunningStack> {
  const stack = await startStack(options);
  const env = stack.env;
  const reload = options.reload ?? !/^(false|0|no)$/i.test(env.SUBGRAPH_RELOAD ?? '');
  const reloader = reload
    ? watchSubgraphs({ root: REPO_ROOT, services: SERVICES, running: stack.services, env })
    : undefined;
  for (const [name, service] of Object.entries(stack.services)) {
    if (name !== 'gateway') console.log(`  ${name.padEnd(24)} ${service.url}`);
  }
  console.log(
    `\nTerritoires Graph is up.\n  GraphiQL  ${stack.gatewayUrl}/\n  GraphQL   ${stack.gatewayUrl}/graphql\n` +
      (reloader ? 'A subgraph whose code changes is restarted on its own.\n' : '') +
      'Ctrl-C stops everything.',
  );
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await reloader?.close();
      await stack.stop();
    })());
  const onSignal = (signal: string) => {
    console.log(`\n${signal}: stopping…`);
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  return { stack, reloader, stop };
}
