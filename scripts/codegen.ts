// `npm run codegen`: writes operations/generated/types.ts, the TypeScript types of the results and
// variables of operations/*.graphql against the API schema of schema/supergraph.graphql.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { runMain } from '../kit/src/env.js';
import { REPO_ROOT } from '../tools/composition.js';
import { generateOperationTypes, OPERATION_TYPES_FILE } from '../tools/codegen/operationTypes.js';

runMain('codegen', async () => {
  const text = await generateOperationTypes();
  mkdirSync(dirname(OPERATION_TYPES_FILE), { recursive: true });
  writeFileSync(OPERATION_TYPES_FILE, text);
  console.log(`wrote ${relative(REPO_ROOT, OPERATION_TYPES_FILE)}`);
});
