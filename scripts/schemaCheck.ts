// `npm run schema:check -- NAME [--schema FILE | --url URL]`: says whether a subgraph schema can be
// published. Exit 0 publishable, 1 not publishable, 2 unusable input (one line on stderr).
import { CheckInputError } from '../tools/schemaCheck/candidate.js';
import { parseSchemaCommandArgs } from '../tools/schemaCheck/cliArgs.js';
import { formatReport } from '../tools/schemaCheck/report.js';
import { runSchemaCheck } from '../tools/schemaCheck/schemaCheck.js';

const USAGE =
  'npm run schema:check -- NAME [--schema FILE | --url URL [--header "Name: value"]] [--config FILE] [--supergraph FILE] [--allow-breaking] [--verbose]';

async function main(): Promise<number> {
  const args = parseSchemaCommandArgs(
    process.argv.slice(2),
    ['--schema', '--url', '--header', '--config', '--supergraph', '--allow-breaking', '--verbose'],
    USAGE,
  );
  const report = await runSchemaCheck(args);
  for (const line of formatReport(report, args.verbose)) console.log(line);
  return report.publishable ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`schema:check: ${error instanceof CheckInputError ? error.message : String(error)}`);
    process.exit(2);
  },
);
