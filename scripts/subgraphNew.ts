// `npm run subgraph:new -- NAME`: scaffolds a new operator subgraph (schema, pure server, listener,
// upstream client, simulator, tests) and registers it everywhere `npm start`, the composition and
// docker compose look. A refused name writes nothing (exit 2).
import { ScaffoldRefusal, applyScaffold, planScaffold } from '../tools/scaffold/scaffold.js';

const USAGE = 'npm run subgraph:new -- NAME   (kebab-case, e.g. acme-data)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]?.startsWith('-'))
    throw new ScaffoldRefusal(`give one name (usage: ${USAGE})`);
  const root = process.cwd();
  const plan = await planScaffold(args[0]!, root);
  const written = applyScaffold(plan, root);
  const { names, port, simPort } = plan;
  console.log(
    `created subgraph ${names.name} (port ${port}) and its simulator ${names.name}-sim (port ${simPort}):`,
  );
  for (const path of written) console.log(`  ${path}`);
  console.log(
    [
      '',
      'Next:',
      `  npx vitest run subgraphs/${names.name}     # its tests pass as generated`,
      `  npm start                                  # Territory.${names.camel} is in the graph`,
      `  edit subgraphs/${names.name}/schema.graphql, then npm run schema:check -- ${names.name}`,
      `  add its ports and settings (${names.CONST}_PORT, ${names.CONST}_API_URL, SIM_${names.CONST}_PORT) to the README tables`,
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`subgraph:new: ${error instanceof ScaffoldRefusal ? error.message : String(error)}`);
    process.exit(2);
  },
);
