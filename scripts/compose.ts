// `npm run compose`: composes schema/supergraph.yaml into schema/supergraph.graphql.
import { writeFileSync } from 'node:fs';
import { runMain } from '../kit/src/env.js';
import { composeFromConfig, SUPERGRAPH_FILE } from '../tools/composition.js';

runMain('compose', async () => {
  const outcome = composeFromConfig();
  if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.join('\n')}`);
  writeFileSync(
    SUPERGRAPH_FILE,
    outcome.supergraphSdl.endsWith('\n') ? outcome.supergraphSdl : `${outcome.supergraphSdl}\n`,
  );
  console.log(`wrote ${SUPERGRAPH_FILE}`);
});
