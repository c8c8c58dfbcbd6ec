// Reads schema/supergraph.yaml and composes the subgraph schemas it names into a supergraph.
// Used by `npm run compose`, the staleness test and the partner schema checks.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, Source, type DocumentNode, type GraphQLError } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { SUPERGRAPH_CONFIG, REPO_ROOT } from '../kit/src/paths.js';
import { loadSubgraphSchema, type SubgraphSchema } from '../kit/src/subgraphSchema.js';

// The paths live in kit so that runtime services find the same files without importing tools/.
export { REPO_ROOT, SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from '../kit/src/paths.js';

/** One subgraph of the composition config. */
export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /** Absolute path of its schema file. */
  schemaFile: string;
  /**
   * True for a subgraph scaffolded and not yet published (`draft: true`, our addition to rover's
   * format): its schema is no contract yet, so `schema:check` reports changes to what only it
   * serves as notes. The first `schema:publish` removes the flag.
   */
  draft: boolean;
}

/** Reads the composition config (rover's supergraph.yaml format: `subgraphs.NAME.routing_url`, `schema.file`). */
export function readSupergraphConfig(path = SUPERGRAPH_CONFIG): SubgraphEntry[] {
  const config = parseYaml(readFileSync(path, 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string }; draft?: unknown }>;
  };
  if (!config?.subgraphs) throw new Error(`${path}: no "subgraphs" section`);
  return Object.entries(config.subgraphs).map(([name, entry]) => {
    if (!entry.routing_url || !entry.schema?.file) {
      throw new Error(`${path}: subgraph "${name}" needs routing_url and schema.file`);
    }
    if (entry.draft !== undefined && typeof entry.draft !== 'boolean')
      throw new Error(`${path}: subgraph "${name}": draft must be true or false`);
    return {
      name,
      routingUrl: entry.routing_url,
      schemaFile: resolve(dirname(path), entry.schema.file),
      draft: entry.draft === true,
    };
  });
}

/** The outcome of a composition: the supergraph SDL, or the errors that prevent it. */
export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; hints: string[] }
  | { ok: false; errors: string[]; details: GraphQLError[] };

/**
 * Composes subgraph SDLs (name → SDL text) with their routing URLs. `file` names the SDL's source
 * so that errors carry file and line (`details[].nodes[].loc`); a parsed `document` (a schema file
 * with its shared blocks, whose nodes already name their files) wins over `sdl`.
 */
export function composeSdls(
  subgraphs: { name: string; url: string; sdl: string; file?: string; document?: DocumentNode }[],
): CompositionOutcome {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: s.document ?? parse(new Source(s.sdl, s.file ?? s.name)),
    })),
  );
  if (result.errors)
    return { ok: false, errors: result.errors.map((e) => e.message), details: result.errors };
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}

/**
 * Reads a subgraph's schema file with the shared blocks it imports (kit/schema/); locations name
 * files relative to the repo.
 */
export function readSubgraphSchema(schemaFile: string): SubgraphSchema {
  return loadSubgraphSchema(schemaFile, repoPath);
}

/** Composes every subgraph named in the config, reading their schema files and shared blocks. */
export function composeFromConfig(entries = readSupergraphConfig()): CompositionOutcome {
  return composeSdls(
    entries.map((e) => {
      const schema = readSubgraphSchema(e.schemaFile);
      return { name: e.name, url: e.routingUrl, sdl: schema.sdl, document: schema.document };
    }),
  );
}

/** A path relative to the repo when it is inside it, else as given (how findings name files). */
export function repoPath(file: string): string {
  const inside = relative(REPO_ROOT, file);
  return inside.startsWith('..') || inside === '' ? file : inside;
}
