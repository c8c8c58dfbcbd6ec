// `npm run schema:publish -- NAME [--schema FILE | --url URL] [--allow-breaking]`: checks a
// subgraph schema, then writes it in place and the new supergraph, which a running gateway picks
// up without restart. Exit 0 published, 1 refused by the check, 2 unusable input.
import { CheckInputError } from '../tools/schemaCheck/candidate.js';
import { parseSchemaCommandArgs } from '../tools/schemaCheck/cliArgs.js';
import { publishSchema } from '../tools/schemaCheck/publish.js';
import { formatReport } from '../tools/schemaCheck/report.js';

const USAGE =
  'npm run schema:publish -- NAME [--schema FILE | --url URL [--header "Name: value"]] [--allow-breaking] [--config FILE] [--supergraph-out FILE] [--verbose]';

async function main(): Promise<number> {
  const args = parseSchemaCommandArgs(
    process.argv.slice(2),
    ['--schema', '--url', '--header', '--config', '--supergraph-out', '--allow-breaking', '--verbose'],
    USAGE,
  );
  const outcome = await publishSchema(args);
  for (const line of formatReport(outcome.report, args.verbose)) console.log(line);
  if (!outcome.published) {
    console.error(`schema:publish: ${args.name} not published: ${outcome.refusal}`);
    return 1;
  }
  console.log(
    outcome.written.length
      ? `published ${args.name}: wrote ${outcome.written.join(' and ')}`
      : `published ${args.name}: nothing changed`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`schema:publish: ${error instanceof CheckInputError ? error.message : String(error)}`);
    process.exit(2);
  },
);
