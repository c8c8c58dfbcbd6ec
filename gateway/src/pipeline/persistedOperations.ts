// Persisted operations: automatic persisted queries (APQ: a client sends a query's sha256 and the
// query only the first time) kept in keyv, and the manifest of operations/*.graphql built by
// `npm run operations:manifest`. In safelist mode only the manifest's operations run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { Keyv } from 'keyv';
import { ConfigError } from '../../../kit/src/env.js';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';

/** One operation of the manifest (Apollo's persisted query manifest format). */
export interface ManifestOperation {
  /** sha256 of `body`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The printed operation with the fragments it uses. */
  body: string;
}

/** The manifest file. */
export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** The query text a request runs, and whether it registers a new APQ entry. */
export interface ResolvedQuery {
  query: string;
  /** sha256 of the query text, when the request named one. */
  hash?: string;
  /** An APQ registration to store once the operation passes the gateway's checks. */
  register: boolean;
}

/** Resolves query texts from APQ hashes and manifest ids; holds the safelist. */
export class PersistedOperations {
  private readonly byId: Map<string, ManifestOperation>;

  constructor(
    private readonly options: { apq: boolean; safelist: boolean; ttlSeconds: number },
    manifest: Manifest | undefined,
    private readonly store: Keyv<string>,
  ) {
    this.byId = new Map((manifest?.operations ?? []).map((o) => [o.id, o]));
  }

  get safelist(): boolean {
    return this.options.safelist;
  }

  /** Finds the query of a request: its own text, a manifest operation, or an APQ entry. */
  async resolve(
    query: string | undefined,
    extensions: Record<string, unknown> | undefined,
  ): Promise<ResolvedQuery> {
    const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
    if (persisted === undefined || persisted === null) {
      if (!query)
        throw new HttpError(
          400,
          ErrorCode.BAD_REQUEST,
          'The request has no "query" and no persisted query hash.',
        );
      return { query, register: false };
    }
    if (
      persisted.version !== 1 ||
      typeof persisted.sha256Hash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(persisted.sha256Hash)
    ) {
      throw new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        'extensions.persistedQuery needs version 1 and a sha256Hash of 64 hex digits.',
      );
    }
    const hash = persisted.sha256Hash;
    if (query) {
      if (sha256(query) !== hash)
        throw new HttpError(
          400,
          ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
          'The sha256Hash is not the hash of the query sent.',
        );
      return { query, hash, register: this.options.apq && !this.byId.has(hash) };
    }
    const fromManifest = this.byId.get(hash)?.body;
    if (fromManifest) return { query: fromManifest, hash, register: false };
    const stored = this.options.apq ? await this.store.get(hash) : undefined;
    // 200, as Apollo clients expect: they answer PERSISTED_QUERY_NOT_FOUND by sending the full query.
    if (!stored) throw new HttpError(200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound');
    return { query: stored, hash, register: false };
  }

  /** Stores an APQ registration (after the operation passed every check). */
  async register(hash: string, query: string): Promise<void> {
    await this.store.set(hash, query, this.options.ttlSeconds * 1000);
  }

  /** True when the canonical hash names a manifest operation. */
  allows(canonicalHash: string): boolean {
    return this.byId.has(canonicalHash);
  }
}

/** Reads a manifest file; in safelist mode a missing or broken manifest stops the gateway at start-up. */
export function readManifest(path: string, required: boolean): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    if (required)
      throw new ConfigError(
        `SAFELIST is on but ${path} cannot be read; run \`npm run operations:manifest\`.`,
      );
    return undefined;
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new ConfigError(
      `${path} is not a persisted-operation manifest; rebuild it with \`npm run operations:manifest\`.`,
    );
  }
  return manifest;
}

/** sha256 of a text, in hex (the APQ hash). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds the manifest from every `.graphql` file of a folder: one entry per named operation. */
export function buildManifest(dir: string): Manifest {
  const operations: ManifestOperation[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  for (const file of files) {
    let document;
    try {
      document = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    for (const operation of document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )) {
      if (!operation.name) throw new Error(`${file}: every persisted operation needs a name`);
      const body = print({
        kind: Kind.DOCUMENT,
        definitions: [operation, ...usedFragments(operation, fragments)],
      });
      operations.push({
        id: sha256(body),
        name: operation.name.value,
        type: operation.operation as ManifestOperation['type'],
        body,
      });
    }
  }
  const names = operations.map((o) => o.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two operations are named ${duplicate}`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The fragments an operation spreads, directly or through other fragments, in a stable order. */
function usedFragments(
  root: DefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(root);
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}
