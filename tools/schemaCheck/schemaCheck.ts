// `schema:check`: composes a candidate subgraph schema with the others of the composition config,
// compares the resulting API schema with the one served today, and checks the house conventions.
// The CLI (scripts/schemaCheck.ts) prints the findings; `schema:publish` reuses the result.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { SubgraphSchema } from '../../kit/src/subgraphSchema.js';
import { composeSdls, readSubgraphSchema, REPO_ROOT, SUPERGRAPH_FILE } from '../composition.js';
import { apiSchemaOf } from './apiSchema.js';
import {
  CheckInputError,
  displayPath,
  loadCandidate,
  type Candidate,
  type CandidateSource,
} from './candidate.js';
import { checkConventions } from './conventions.js';
import { coordinatesOnlyIn, isDraftOnly } from './draftOwnership.js';
import { sortFindings, type Finding } from './findings.js';
import { CoordinateIndex } from './locations.js';
import { operationUses, type OperationUse } from './operationUsage.js';
import { checkSharedCopies } from './sharedBlocks.js';
import { diffSchemas, type SchemaChange } from './schemaDiff.js';

/** Options of {@link runSchemaCheck}. */
export interface SchemaCheckOptions extends CandidateSource {
  /** The supergraph served today, to compare against (default `schema/supergraph.graphql`). */
  supergraphPath?: string;
  /** Report breaking changes as warnings instead of errors (publishing with `--allow-breaking`). */
  allowBreaking?: boolean;
  /** Named operations checked for uses of what a change breaks (default `operations/`). */
  operationsDir?: string;
}

/** What a schema check found. */
export interface SchemaCheckReport {
  candidate: Candidate;
  /** Sorted: errors first, then by file and line. */
  findings: Finding[];
  /** True when nothing blocks publishing. */
  publishable: boolean;
  /** The supergraph composed with the candidate; undefined when composition failed. */
  supergraphSdl?: string;
  /** Number of changes against the current supergraph, by class. */
  changes: Record<SchemaChange['class'], number>;
}

/** Runs every check; throws {@link CheckInputError} (one line) when the input itself is unusable. */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckReport> {
  const candidate = await loadCandidate(options);
  const others = candidate.entries
    .filter((e) => e.name !== candidate.entry.name)
    .map((e) => ({
      name: e.name,
      url: e.routingUrl,
      file: displayPath(e.schemaFile),
      ...readSubgraphFile(e.schemaFile),
    }));
  const supergraphPath = options.supergraphPath ?? SUPERGRAPH_FILE;
  const current = readCurrentSupergraph(supergraphPath);

  const findings: Finding[] = [];
  const changes = { breaking: 0, dangerous: 0, safe: 0 };
  // What only a draft serves today is no contract yet (see draftOwnership.ts).
  const draftOnly =
    candidate.entry.draft && current
      ? coordinatesOnlyIn(current.sdl, candidate.entry.name)
      : new Set<string>();
  const composed = composeSdls([
    ...others,
    {
      name: candidate.entry.name,
      url: candidate.entry.routingUrl,
      file: candidate.origin,
      sdl: candidate.sdl,
      document: candidate.document,
    },
  ]);
  let supergraphSdl: string | undefined;
  if (!composed.ok) {
    findings.push(...composed.details.map((error) => compositionFinding(error, candidate.origin)));
  } else {
    supergraphSdl = composed.supergraphSdl;
    if (current) {
      // Each node knows its file: a coordinate of a shared block points at kit/schema/.
      const indexes = [
        new CoordinateIndex(candidate.origin, candidate.document),
        ...others.map((o) => new CoordinateIndex(o.file, o.document)),
      ];
      const oldIndex = CoordinateIndex.fromSdl(displayPath(supergraphPath), current.sdl);
      let uses: OperationUse[] | undefined;
      for (const change of diffSchemas(current.api, apiSchemaOf(supergraphSdl))) {
        changes[change.class]++;
        const draft = isDraftOnly(change.coordinate, draftOnly);
        findings.push(
          changeFinding(
            change,
            change.removed ? [oldIndex] : [...indexes, oldIndex],
            options.allowBreaking ?? false,
            draft,
          ),
        );
        if (change.class !== 'breaking') continue;
        uses ??= operationUses(options.operationsDir ?? join(REPO_ROOT, 'operations'), current.api);
        findings.push(...usedByOperations(change, uses));
      }
    }
  }
  const definedElsewhere = new Set<string>();
  for (const other of others) {
    for (const definition of other.document.definitions) {
      if ('name' in definition && definition.name) definedElsewhere.add(definition.name.value);
    }
  }
  const published = current ? coordinatesOf(current.api) : new Set<string>();
  // A draft's own content is held to every rule, as if it were all new.
  for (const coordinate of draftOnly) published.delete(coordinate);
  findings.push(
    ...checkConventions(candidate.document, {
      file: candidate.origin,
      published,
      definedElsewhere,
    }),
  );
  findings.push(...checkSharedCopies(candidate.document, candidate.origin));
  const sorted = sortFindings(findings);
  return {
    candidate,
    findings: sorted,
    publishable: !sorted.some((f) => f.severity === 'error'),
    supergraphSdl,
    changes,
  };
}

function readSubgraphFile(file: string): SubgraphSchema {
  try {
    return readSubgraphSchema(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckInputError(
      code
        ? `cannot read ${displayPath(file)}, a subgraph schema named in the composition config`
        : `${displayPath(file)}, a subgraph schema named in the composition config, is not usable: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** The supergraph served today and its API schema; undefined when there is none yet. */
function readCurrentSupergraph(path: string): { sdl: string; api: GraphQLSchema } | undefined {
  if (!existsSync(path)) return undefined;
  const sdl = readFileSync(path, 'utf8');
  try {
    return { sdl, api: apiSchemaOf(sdl) };
  } catch (error) {
    throw new CheckInputError(
      `the current supergraph ${displayPath(path)} is not valid: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

function compositionFinding(error: GraphQLError, candidateOrigin: string): Finding {
  const places = (error.nodes ?? [])
    .map((n) => {
      // A described node starts at its description: point at its name, as the other findings do.
      const start = ('name' in n && n.name && 'loc' in n.name ? n.name.loc : n.loc)?.startToken;
      return n.loc && start && { file: n.loc.source.name, line: start.line, column: start.column };
    })
    .filter((p): p is { file: string; line: number; column: number } => Boolean(p))
    // Point at the candidate first: it is the file the partner is editing.
    .sort((a, b) => Number(b.file === candidateOrigin) - Number(a.file === candidateOrigin));
  const [first, ...rest] = places;
  const also = rest.length
    ? ` (also at ${rest.map((p) => `${p.file}:${p.line}:${p.column}`).join(', ')})`
    : '';
  return {
    severity: 'error',
    kind: 'composition',
    rule: String(error.extensions?.code ?? 'COMPOSITION_ERROR'),
    message: `${error.message}${also}`,
    ...first,
  };
}

function changeFinding(
  change: SchemaChange,
  indexes: (CoordinateIndex | undefined)[],
  allowBreaking: boolean,
  draft: boolean,
): Finding {
  const position = indexes.map((i) => i?.find(change.coordinate)).find(Boolean);
  const severity = draft
    ? 'note'
    : change.class === 'breaking'
      ? allowBreaking
        ? 'warning'
        : 'error'
      : change.class === 'dangerous'
        ? 'warning'
        : 'note';
  return {
    severity,
    kind: change.class,
    rule: change.type,
    coordinate: change.coordinate,
    message: draft
      ? `${change.message} (draft subgraph, never published: not a breaking change yet)`
      : change.message,
    ...position,
  };
}

/** One warning per operation of operations/ that uses what a breaking change removes or changes. */
function usedByOperations(change: SchemaChange, uses: OperationUse[]): Finding[] {
  const target = change.coordinate;
  if (!target) return [];
  // A removed type is used by any field selection or fragment on it; a field by its selections and
  // arguments; an argument or enum value by itself.
  const matches = uses.filter(
    (u) => u.coordinate === target || (!target.includes('.') && u.coordinate.startsWith(`${target}.`)),
  );
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const use of matches) {
    const key = `${use.file}:${use.operation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      severity: 'warning',
      kind: change.class,
      rule: 'USED_BY_OPERATION',
      coordinate: target,
      message: `operation ${use.operation} uses ${use.coordinate}: ${change.message} Update the operation (then npm run operations:manifest && npm run codegen).`,
      file: use.file,
      line: use.line,
      column: use.column,
    });
  }
  return findings;
}

/** Every type, field, argument and enum value coordinate of a schema. */
export function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    if (name.startsWith('__')) continue;
    coordinates.add(name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        coordinates.add(`${name}.${fieldName}`);
        for (const arg of 'args' in field ? field.args : [])
          coordinates.add(`${name}.${fieldName}(${arg.name}:)`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) coordinates.add(`${name}.${value.name}`);
  }
  return coordinates;
}

export { CheckInputError };
