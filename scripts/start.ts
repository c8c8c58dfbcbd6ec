// `npm start`: the whole stack on localhost at its documented ports, until Ctrl-C or SIGTERM.
import { runMain } from '../kit/src/env.js';
import { startStack } from '../stack/startStack.js';

runMain('start', async () => {
  const stack = await startStack();
  for (const [name, service] of Object.entries(stack.services)) {
    if (name !== 'gateway') console.log(`  ${name.padEnd(24)} ${service.url}`);
  }
  console.log(
    `\nTerritoires Graph is up.\n  GraphiQL  ${stack.gatewayUrl}/\n  GraphQL   ${stack.gatewayUrl}/graphql\nCtrl-C stops everything.`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void stack.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
});
