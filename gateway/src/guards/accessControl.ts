// Enforcement of the supergraph's access rules around @apollo/gateway's executor. For each
// document the guarded fields are found once. A request whose caller may read them all runs as
// is; otherwise the fields it may not read are cut from the document (so no subgraph fetches them),
// the rest runs, and the answer gets `null` in their place with an UNAUTHENTICATED or FORBIDDEN
// error at each path, nulls travelling up past non-null fields as GraphQL requires.
import { createHash } from 'node:crypto';
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';
import type { CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import { meetsCondition, type AccessRules, type Requirement } from './accessRules.js';
import type { GatewayContext } from '../context.js';

/** @apollo/gateway's executor, as Apollo Server calls it. */
export type GatewayExecutor = (requestContext: GatewayRequestContext) => Promise<GatewayResult>;
/** The request context an executor receives (only what enforcement reads is spelled out). */
export interface GatewayRequestContext {
  document: DocumentNode;
  operation?: OperationDefinitionNode;
  operationName?: string | null;
  queryHash: string;
  schema: GraphQLSchema;
  context: unknown;
  request: { operationName?: string; variables?: Record<string, unknown> };
}
/** What an executor returns. */
export interface GatewayResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
  extensions?: Record<string, unknown>;
}

/** A guarded field of a document and what it needs. */
interface Guard {
  node: FieldNode;
  requirement: Requirement;
}

/** The document cut for one set of denied fields. */
interface Cut {
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  queryHash: string;
  denied: Map<FieldNode, Requirement>;
}

interface AccessPlan {
  guards: Guard[];
  cuts: Map<string, Cut>;
}

/** Alias of the `__typename` the gateway adds under abstract types, to tell fragments apart. */
const TYPENAME_ALIAS = '_gatewayAccessTypename';
/** Beyond this many, access errors of one response are summed up in one last error. */
const MAX_ACCESS_ERRORS = 100;
const NO_GUARDS: AccessPlan = { guards: [], cuts: new Map() };

/** Access enforcement for one supergraph: plans are kept per document, so a repeated query is cheap. */
export class AccessControl {
  private readonly plans = new WeakMap<DocumentNode, Map<string, AccessPlan>>();

  constructor(
    private readonly rules: AccessRules,
    private readonly schema: GraphQLSchema,
  ) {}

  /** Runs a request through `execute`, enforcing the access rules for its caller. */
  async execute(requestContext: GatewayRequestContext, execute: GatewayExecutor): Promise<GatewayResult> {
    if (this.rules.size === 0) return execute(requestContext);
    const plan = this.plan(requestContext.document, requestContext.request.operationName ?? '');
    if (plan.guards.length === 0) return execute(requestContext);
    const caller = (requestContext.context as Partial<GatewayContext>).caller ?? {
      kind: 'anonymous',
      scopes: [],
    };
    const authenticated = caller.kind !== 'anonymous';
    const scopes = new Set(caller.scopes);
    const deniedIndexes: number[] = [];
    plan.guards.forEach((guard, index) => {
      if (!guard.requirement.conditions.every((c) => meetsCondition(c, authenticated, scopes)))
        deniedIndexes.push(index);
    });
    if (deniedIndexes.length === 0) return execute(requestContext);

    const key = deniedIndexes.join(',');
    let cut = plan.cuts.get(key);
    if (!cut) {
      cut = this.cut(requestContext, plan, deniedIndexes, key);
      plan.cuts.set(key, cut);
    }
    const result = await execute({
      ...requestContext,
      document: cut.document,
      operation: cut.operation,
      queryHash: cut.queryHash,
    });
    return new Reshaper(this.schema, requestContext, cut.denied, caller).reshape(result);
  }

  private plan(document: DocumentNode, operationName: string): AccessPlan {
    let byOperation = this.plans.get(document);
    if (!byOperation) this.plans.set(document, (byOperation = new Map()));
    let plan = byOperation.get(operationName);
    if (!plan) {
      plan = this.findGuards(document, operationName);
      byOperation.set(operationName, plan);
    }
    return plan;
  }

  /** Walks the operation with its fragments and lists the fields the rules guard. */
  private findGuards(document: DocumentNode, operationName: string): AccessPlan {
    const operation = pickOperation(document, operationName);
    if (!operation) return NO_GUARDS;
    const fragments = fragmentsOf(document);
    const guards = new Map<FieldNode, Guard>();
    const seenFragments = new Set<string>();
    const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const requirement =
            parent && !selection.name.value.startsWith('__')
              ? this.rules.field(parent.name, selection.name.value)
              : undefined;
          if (requirement) guards.set(selection, { node: selection, requirement });
          if (selection.selectionSet) {
            const field =
              parent && 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
            const type = field && getNamedType(field.type);
            walk(selection.selectionSet, type && isCompositeType(type) ? type : undefined);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(
            selection.selectionSet,
            selection.typeCondition ? this.compositeType(selection.typeCondition.name.value) : parent,
          );
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seenFragments.has(fragment.name.value)) continue;
          seenFragments.add(fragment.name.value);
          walk(fragment.selectionSet, this.compositeType(fragment.typeCondition.name.value));
        }
      }
    };
    const root = this.schema.getRootType(operation.operation);
    walk(operation.selectionSet, root ?? undefined);
    return guards.size === 0 ? NO_GUARDS : { guards: [...guards.values()], cuts: new Map() };
  }

  private compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }

  /** Removes the denied fields; empty selections get `__typename`; abstract ones get the typename alias. */
  private cut(
    requestContext: GatewayRequestContext,
    plan: AccessPlan,
    deniedIndexes: number[],
    key: string,
  ): Cut {
    const denied = new Map<FieldNode, Requirement>();
    for (const index of deniedIndexes) {
      const guard = plan.guards[index] as Guard;
      denied.set(guard.node, guard.requirement);
    }
    const typeInfo = new TypeInfo(this.schema);
    const document = visit(
      requestContext.document,
      visitWithTypeInfo(typeInfo, {
        Field: { enter: (node) => (denied.has(node) ? null : undefined) },
        SelectionSet: {
          leave: (node) => {
            const parent = typeInfo.getParentType();
            const selections: SelectionNode[] = [...node.selections];
            if (parent && isAbstractType(parent)) selections.push(typenameField(TYPENAME_ALIAS));
            if (selections.length === 0) selections.push(typenameField());
            return selections.length === node.selections.length ? undefined : { ...node, selections };
          },
        },
      }),
    );
    return {
      document,
      operation: pickOperation(document, requestContext.request.operationName ?? ''),
      // @apollo/gateway caches query plans by this hash: the cut document needs its own.
      queryHash: createHash('sha256').update(`${requestContext.queryHash}:access:${key}`).digest('hex'),
      denied,
    };
  }
}

/** Marks an object that must become null because a non-null field under it was denied. */
const NULLED = Symbol('nulled');

/** Rebuilds an answer in the original document's shape, with null and an error where access was denied. */
class Reshaper {
  private readonly errors: GraphQLError[] = [];
  private dropped = 0;
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly variables: Record<string, unknown>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly requestContext: GatewayRequestContext,
    private readonly denied: Map<FieldNode, Requirement>,
    private readonly caller: CallerIdentity,
  ) {
    this.fragments = fragmentsOf(requestContext.document);
    this.variables = requestContext.request.variables ?? {};
  }

  reshape(result: GatewayResult): GatewayResult {
    const operation = pickOperation(
      this.requestContext.document,
      this.requestContext.request.operationName ?? '',
    );
    const root = operation && this.schema.getRootType(operation.operation);
    if (!operation || !root || !result.data) return result;
    const data = this.object(result.data, operation.selectionSet, root, []);
    if (this.dropped > 0) {
      this.errors.push(
        new GraphQLError(`${this.dropped} more fields were withheld for lack of access.`, {
          extensions: { code: this.errors[0]?.extensions.code ?? ErrorCode.FORBIDDEN },
        }),
      );
    }
    return {
      ...result,
      data: data === NULLED ? null : data,
      errors: [...(result.errors ?? []), ...this.errors],
    };
  }

  private object(
    value: Record<string, unknown>,
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: (string | number)[],
  ): Record<string, unknown> | typeof NULLED {
    const runtime = isObjectType(parent)
      ? parent
      : this.schema.getType(String(value[TYPENAME_ALIAS] ?? value.__typename ?? ''));
    const objectType = runtime && isObjectType(runtime) ? runtime : undefined;
    const fields = new Map<string, FieldNode[]>();
    this.collect(selectionSet, objectType, fields, new Set());
    const out: Record<string, unknown> = {};
    for (const [responseKey, nodes] of fields) {
      const node = nodes[0] as FieldNode;
      const fieldPath = [...path, responseKey];
      const definition =
        node.name.value === '__typename' ? undefined : objectType?.getFields()[node.name.value];
      const requirement = nodes.map((n) => this.denied.get(n)).find(Boolean);
      if (requirement) {
        this.deny(requirement, fieldPath);
        if (definition && isNonNullType(definition.type)) return NULLED;
        out[responseKey] = null;
        continue;
      }
      if (!(responseKey in value)) continue;
      const child = value[responseKey];
      const subSelections = nodes.flatMap((n) => n.selectionSet?.selections ?? []);
      if (!definition || subSelections.length === 0 || child === null || child === undefined) {
        out[responseKey] = child;
        continue;
      }
      const shaped = this.value(
        child,
        { kind: Kind.SELECTION_SET, selections: subSelections },
        definition.type,
        fieldPath,
      );
      if (shaped === NULLED) {
        if (isNonNullType(definition.type)) return NULLED;
        out[responseKey] = null;
      } else out[responseKey] = shaped;
    }
    return out;
  }

  private value(
    value: unknown,
    selectionSet: SelectionSetNode,
    type: GraphQLOutputType,
    path: (string | number)[],
  ): unknown {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (value === null || value === undefined) return value;
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return value;
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = this.value(value[i], selectionSet, nullable.ofType, [...path, i]);
        if (item === NULLED) {
          if (isNonNullType(nullable.ofType)) return NULLED;
          items.push(null);
        } else items.push(item);
      }
      return items;
    }
    const named = getNamedType(nullable);
    if (!isCompositeType(named) || typeof value !== 'object') return value;
    return this.object(value as Record<string, unknown>, selectionSet, named, path);
  }

  /** GraphQL's CollectFields for one runtime type, honouring @skip and @include. */
  private collect(
    selectionSet: SelectionSetNode,
    runtime: GraphQLCompositeType | undefined,
    out: Map<string, FieldNode[]>,
    seen: Set<string>,
  ): void {
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key === TYPENAME_ALIAS) continue;
        out.set(key, [...(out.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (this.applies(selection.typeCondition?.name.value, runtime))
          this.collect(selection.selectionSet, runtime, out, seen);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (
          !fragment ||
          seen.has(fragment.name.value) ||
          !this.applies(fragment.typeCondition.name.value, runtime)
        )
          continue;
        seen.add(fragment.name.value);
        this.collect(fragment.selectionSet, runtime, out, seen);
      }
    }
  }

  private applies(condition: string | undefined, runtime: GraphQLCompositeType | undefined): boolean {
    if (!condition || !runtime) return true;
    if (condition === runtime.name) return true;
    const type = this.schema.getType(condition);
    return !!type && isAbstractType(type) && isObjectType(runtime) && this.schema.isSubType(type, runtime);
  }

  private included(selection: SelectionNode): boolean {
    for (const directive of selection.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const argument = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      const value =
        argument?.kind === Kind.BOOLEAN
          ? argument.value
          : argument?.kind === Kind.VARIABLE
            ? this.variables[argument.name.value] === true
            : false;
      if (name === 'skip' && value) return false;
      if (name === 'include' && !value) return false;
    }
    return true;
  }

  private deny(requirement: Requirement, path: (string | number)[]): void {
    if (this.errors.length >= MAX_ACCESS_ERRORS) {
      this.dropped++;
      return;
    }
    this.errors.push(accessError(requirement, this.caller, path));
  }
}

/** The error of a field withheld from a caller: UNAUTHENTICATED without credentials, FORBIDDEN without the scope. */
export function accessError(
  requirement: Requirement,
  caller: CallerIdentity,
  path: (string | number)[],
): GraphQLError {
  const scopes = new Set(caller.scopes);
  const authenticated = caller.kind !== 'anonymous';
  const unmet = requirement.conditions.find((c) => !meetsCondition(c, authenticated, scopes));
  const needs =
    unmet?.kind === 'scopes'
      ? `the scope ${unmet.anyOf.map((set) => set.join(' + ')).join(' or ')}`
      : 'an authenticated caller';
  const code = authenticated ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
  const message = authenticated
    ? `${requirement.coordinate} needs ${needs}, which this caller does not hold.`
    : `${requirement.coordinate} needs ${needs}: authenticate with a token or an API key.`;
  return new GraphQLError(message, { path, extensions: { code, coordinate: requirement.coordinate } });
}

function typenameField(alias?: string): FieldNode {
  return {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: '__typename' },
    ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
  };
}

function pickOperation(document: DocumentNode, operationName: string): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}
