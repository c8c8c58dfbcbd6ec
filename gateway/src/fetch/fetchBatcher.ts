// Merges subgraph fetches issued in the same turn of the event loop, to the same subgraph with
// the same headers, into one GraphQL operation: each fetch's root fields get an alias prefix,
// its variables and fragments a name prefix. The query planner issues the branches of a parallel
// node together, so a plan with 16 fetches needs about half as many HTTP exchanges, each of
// which costs the gateway more CPU than the JSON it carries.
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { SubgraphBody } from './dedupe.js';
import type { RawResponse, SubgraphHttpClient } from './fetcher.js';

/** One subgraph fetch as the data source would send it alone. */
export interface BatchMember {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** What one member gets back: the HTTP answer, and its own part of the body when it was merged. */
export interface MemberOutcome {
  raw: RawResponse;
  /** Present for a merged fetch: the member's answer, already split out and parsed. */
  body?: SubgraphBody;
}

interface Pending {
  member: BatchMember;
  body: string;
  resolve(outcome: MemberOutcome): void;
  reject(error: unknown): void;
}

interface Group {
  url: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  pending: Pending[];
}

/** How a member's operation is merged: its parsed form, or why it cannot be merged. */
type Prepared = { document: DocumentNode; operation: OperationDefinitionNode } | undefined;

const MAX_MEMBERS = 32;
const MAX_CACHED = 1_000;

/** Collects fetches for one tick and sends each group as one merged operation. */
export class FetchBatcher {
  private readonly groups = new Map<string, Group>();
  private scheduled = false;
  private readonly prepared = new Map<string, Prepared>();
  private readonly merged = new Map<string, string>();

  constructor(private readonly client: Pick<SubgraphHttpClient, 'post'>) {}

  /**
   * Sends `member` with the others of its group (same `groupKey`: same subgraph, headers and
   * caller scope). `body` is the member's own request body, used when it ends up alone.
   */
  enqueue(
    groupKey: string,
    target: { url: string; headers: Record<string, string>; timeoutMs?: number },
    member: BatchMember,
    body: string,
  ): Promise<MemberOutcome> {
    return new Promise<MemberOutcome>((resolve, reject) => {
      let group = this.groups.get(groupKey);
      if (!group) {
        group = { ...target, pending: [] };
        this.groups.set(groupKey, group);
      }
      group.pending.push({ member, body, resolve, reject });
      if (group.pending.length >= MAX_MEMBERS) {
        this.groups.delete(groupKey);
        void this.flush(group);
      }
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after every promise continuation of this turn: the siblings of a
        // parallel plan node are all queued by then.
        setImmediate(() => this.flushAll());
      }
    });
  }

  private flushAll(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const group of groups) void this.flush(group);
  }

  private async flush(group: Group): Promise<void> {
    const mergeable = group.pending.filter((p) => this.prepare(p.member.query) !== undefined);
    const alone = group.pending.filter((p) => !mergeable.includes(p));
    if (mergeable.length < 2) alone.push(...mergeable.splice(0));
    for (const pending of alone) this.sendAlone(group, pending);
    if (mergeable.length === 0) return;
    try {
      const query = this.mergedQuery(mergeable.map((p) => p.member.query));
      const variables: Record<string, unknown> = {};
      mergeable.forEach((p, index) => {
        for (const [name, value] of Object.entries(p.member.variables ?? {}))
          variables[`${prefix(index)}${name}`] = value;
      });
      const raw = await this.client.post(
        group.url,
        JSON.stringify({ query, variables }),
        group.headers,
        group.timeoutMs,
      );
      const parsed = parseBatchBody(raw);
      if (!parsed?.data) {
        // A merged operation can fail as a whole where its parts would not (a non-null root
        // field that errors, a limit of the subgraph): then each part goes alone, as if never
        // merged, so merging never changes an answer.
        for (const p of mergeable) this.sendAlone(group, p);
        return;
      }
      mergeable.forEach((p, index) => p.resolve({ raw, body: splitBody(parsed, index) }));
    } catch (error) {
      for (const p of mergeable) p.reject(error);
    }
  }

  private sendAlone(group: Group, pending: Pending): void {
    this.client.post(group.url, pending.body, group.headers, group.timeoutMs).then(
      (raw) => pending.resolve({ raw }),
      (error: unknown) => pending.reject(error),
    );
  }

  /** Parses a member's operation once; undefined when it is not a plain query that can be merged. */
  private prepare(query: string): Prepared {
    if (this.prepared.has(query)) return this.prepared.get(query);
    let prepared: Prepared;
    try {
      const document = parse(query);
      const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      const operation = operations[0];
      const plain =
        operations.length === 1 &&
        operation !== undefined &&
        operation.operation === 'query' &&
        !operation.directives?.length &&
        operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD);
      prepared = plain ? { document, operation } : undefined;
    } catch {
      prepared = undefined;
    }
    remember(this.prepared, query, prepared);
    return prepared;
  }

  /** The merged operation for these member queries, in this order (cached). */
  private mergedQuery(queries: string[]): string {
    const key = queries.join('\u0000');
    const cached = this.merged.get(key);
    if (cached) return cached;
    const variableDefinitions: string[] = [];
    const fields: string[] = [];
    const fragments: string[] = [];
    queries.forEach((query, index) => {
      const { document } = this.prepare(query) as NonNullable<Prepared>;
      const p = prefix(index);
      const renamed = visit(document, {
        Variable: (node) => ({ ...node, name: { ...node.name, value: `${p}${node.name.value}` } }),
        FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: `${p}${node.name.value}` } }),
        FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: `${p}${node.name.value}` } }),
      });
      for (const definition of renamed.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          fragments.push(print(definition));
          continue;
        }
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const variable of definition.variableDefinitions ?? [])
          variableDefinitions.push(print(variable));
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const responseKey = selection.alias?.value ?? selection.name.value;
          fields.push(print({ ...selection, alias: { kind: Kind.NAME, value: `${p}${responseKey}` } }));
        }
      }
    });
    const head = variableDefinitions.length ? `query(${variableDefinitions.join(', ')})` : 'query';
    const merged = [`${head} { ${fields.join(' ')} }`, ...fragments].join('\n');
    remember(this.merged, key, merged);
    return merged;
  }
}

function prefix(index: number): string {
  return `b${index}_`;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

function parseBatchBody(raw: RawResponse): SubgraphBody | undefined {
  if (raw.status < 200 || raw.status >= 300) return undefined;
  try {
    const body = JSON.parse(raw.text) as unknown;
    return typeof body === 'object' && body !== null ? (body as SubgraphBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Member `index`'s part of a merged answer: its aliased fields, its errors, the shared extensions. */
export function splitBody(body: SubgraphBody, index: number): SubgraphBody {
  const p = prefix(index);
  const part: SubgraphBody = {};
  if (body.data === null) part.data = null;
  else if (body.data) {
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(body.data))
      if (key.startsWith(p)) data[key.slice(p.length)] = body.data[key];
    part.data = data;
  }
  if (body.errors) {
    const errors = body.errors.flatMap((error) => {
      const [head, ...rest] = error.path ?? [];
      // An error without a path concerns the whole operation, so every member.
      if (typeof head !== 'string') return [error];
      if (!head.startsWith(p)) return /^b\d+_/.test(head) ? [] : [error];
      return [{ ...error, path: [head.slice(p.length), ...rest] }];
    });
    if (errors.length) part.errors = errors;
  }
  if (body.extensions) part.extensions = body.extensions;
  return part;
}
