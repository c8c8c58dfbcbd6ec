// `npm run subgraph:new -- NAME`: scaffolds a new operator subgraph (schema, pure server, listener,
// upstream client, simulator, tests) and registers it everywhere `npm start`, the composition and
// docker compose look. A refused name writes nothing (exit 2).
import { ScaffoldRefusal, applyScaffold, planScaffold } from '../tools/scaffold/scaffold.js';

const USAGE = 'npm run subgraph:new -- NAME [--label "Acme Data"]   (NAME in kebab-case, e.g. acme-data)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let label: string | undefined;
  const labelAt = args.indexOf('--label');
  if (labelAt >= 0) {
    label = args[labelAt + 1];
    if (label === undefined || label.startsWith('-'))
      throw new ScaffoldRefusal(`--label needs a value (usage: ${USAGE})`);
    args.splice(labelAt, 2);
  }
  if (args.length !== 1 || args[0]?.startsWith('-'))
    throw new ScaffoldRefusal(`give one name (usage: ${USAGE})`);
  const root = process.cwd();
  const plan = await planScaffold(args[0]!, root, { label });
  const written = applyScaffold(plan, root);
  const { names, port, simPort } = plan;
  const step = (command: string, why: string) => `  ${command.padEnd(48)} # ${why}`;
  console.log(
    `created subgraph ${names.name} (port ${port}) and its simulator ${names.name}-sim (port ${simPort}):`,
  );
  for (const path of written) console.log(`  ${path}`);
  console.log(
    [
      '',
      'Next:',
      step(`npx vitest run subgraphs/${names.name}`, 'its tests pass as generated'),
      step('npm start', `Territory.${names.camel} is in the graph; saving its code restarts it`),
      `  edit subgraphs/${names.name}/schema.graphql, then npm run schema:check -- ${names.name}`,
      `  (a draft until its first npm run schema:publish -- ${names.name}: changing it breaks no one yet)`,
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
