// Where the repository's shared files are, for runtime code that must not depend on build tooling
// (the gateway reads the supergraph, the operations and the manifest; tools/ composes them).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (with a trailing separator). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The composition config: subgraph names, routing URLs and schema files. */
export const SUPERGRAPH_CONFIG = resolve(REPO_ROOT, 'schema/supergraph.yaml');
/** The composed supergraph the gateway serves by default. */
export const SUPERGRAPH_FILE = resolve(REPO_ROOT, 'schema/supergraph.graphql');
/** The named operations: GraphiQL's example tabs and the dashboard's queries. */
export const OPERATIONS_DIR = resolve(REPO_ROOT, 'operations');
/** Where `npm run operations:manifest` writes the persisted-operation manifest. */
export const MANIFEST_FILE = resolve(OPERATIONS_DIR, 'persisted-operations.json');
