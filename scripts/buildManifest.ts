// `npm run operations:manifest`: writes the persisted-operation manifest (operations/*.graphql →
// operations/persisted-operations.json) that the gateway's safelist mode runs from.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from '../kit/src/env.js';
import { MANIFEST_FILE } from '../gateway/src/config.js';
import { buildManifest } from '../gateway/src/pipeline/persistedOperations.js';
import { REPO_ROOT } from '../tools/composition.js';

runMain('operations:manifest', async () => {
  const manifest = buildManifest(join(REPO_ROOT, 'operations'));
  writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${manifest.operations.length} operations to ${MANIFEST_FILE}`);
});
