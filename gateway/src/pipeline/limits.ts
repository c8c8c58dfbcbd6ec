// Operation limits, checked before Apollo parses, validates or plans anything: document size,
// parser tokens, depth, aliases, root fields, directives and an estimated cost. A document is
// parsed and measured once and the result kept by its text, so a repeated query costs a map lookup.
import { createHash } from 'node:crypto';
import {
  GraphQLError,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';
import type { LimitsConfig } from '../config.js';
import { LruMap } from '../../../kit/src/lruMap.js';

/** What the gateway knows about the operation a request runs. */
export interface OperationFacts {
  name: string | undefined;
  type: 'query' | 'mutation' | 'subscription';
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** Reads `__schema` or `__type`. */
  introspection: boolean;
  /** Reads nothing but introspection fields (allowed in safelist mode when introspection is on). */
  onlyIntrospection: boolean;
  /** Depth inside introspection fields, which have a limit of their own. */
  introspectionDepth: number;
  /** The cost when it does not depend on variables. */
  fixedCost?: number;
}

/** A parsed document and the facts of its operations. */
export interface DocumentAnalysis {
  document: DocumentNode;
  operations: OperationDefinitionNode[];
  fragments: Map<string, FragmentDefinitionNode>;
  facts: Map<OperationDefinitionNode, OperationFacts>;
  /** sha256 of the printed document: the same operation however it is spaced or commented. */
  canonicalHash?: string;
}

/** Introspection is bounded by the schema itself; GraphiQL's introspection query nests about 15 levels. */
const INTROSPECTION_MAX_DEPTH = 20;
const ANALYSIS_CACHE_SIZE = 2_000;
const SIZE_ARGUMENTS = new Set(['first', 'last']);

/** Parses, measures and checks operations against the configured limits for one schema. */
export class OperationLimits {
  private readonly analyses = new LruMap<string, DocumentAnalysis | HttpError>(ANALYSIS_CACHE_SIZE);

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: LimitsConfig,
  ) {}

  /** Parses a document (once per distinct text); a syntax error is an HttpError (400). */
  analyse(query: string): DocumentAnalysis {
    const cached = this.analyses.get(query);
    if (cached instanceof HttpError) throw cached;
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens, noLocation: false });
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : String(error);
      const refusal = /Document contains more th\w+ \d+ tokens/.test(message)
        ? new HttpError(
            400,
            ErrorCode.DOCUMENT_TOO_LARGE,
            `The document has more than ${this.limits.maxTokens} tokens.`,
          )
        : new HttpError(400, ErrorCode.GRAPHQL_PARSE_FAILED, message);
      this.analyses.set(query, refusal);
      throw refusal;
    }
    const analysis: DocumentAnalysis = {
      document,
      operations: document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      ),
      fragments: new Map(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      ),
      facts: new Map(),
    };
    this.analyses.set(query, analysis);
    return analysis;
  }

  /** Picks the operation a request runs, as GraphQL does; throws OPERATION_RESOLUTION_FAILURE when it cannot. */
  operation(analysis: DocumentAnalysis, operationName: string | undefined): OperationDefinitionNode {
    if (operationName) {
      const named = analysis.operations.find((o) => o.name?.value === operationName);
      if (!named)
        throw new HttpError(
          400,
          ErrorCode.OPERATION_RESOLUTION_FAILURE,
          `Unknown operation named "${operationName}".`,
        );
      return named;
    }
    if (analysis.operations.length !== 1) {
      throw new HttpError(
        400,
        ErrorCode.OPERATION_RESOLUTION_FAILURE,
        analysis.operations.length === 0
          ? 'The document holds no operation.'
          : 'The document holds several operations: say which one in operationName.',
      );
    }
    return analysis.operations[0] as OperationDefinitionNode;
  }

  /**
   * Measures an operation (once) and refuses it with the code of the first limit it breaks; returns
   * its facts and its estimated cost for these variables.
   */
  check(
    analysis: DocumentAnalysis,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
  ): OperationFacts & { cost: number } {
    let facts = analysis.facts.get(operation);
    if (!facts) {
      facts = new Measure(this.schema, analysis.fragments, this.limits).operation(operation);
      analysis.facts.set(operation, facts);
    }
    const { limits } = this;
    const refuse = (code: ErrorCode, message: string) => {
      throw new HttpError(400, code, message);
    };
    if (facts.depth > limits.maxDepth)
      refuse(
        ErrorCode.MAX_DEPTH_EXCEEDED,
        `The operation is ${facts.depth} levels deep; the limit is ${limits.maxDepth}.`,
      );
    if (facts.introspectionDepth > Math.max(INTROSPECTION_MAX_DEPTH, limits.maxDepth)) {
      refuse(
        ErrorCode.MAX_DEPTH_EXCEEDED,
        `The introspection query is ${facts.introspectionDepth} levels deep; the limit is ${INTROSPECTION_MAX_DEPTH}.`,
      );
    }
    if (facts.aliases > limits.maxAliases)
      refuse(
        ErrorCode.MAX_ALIASES_EXCEEDED,
        `The operation uses ${facts.aliases} aliases; the limit is ${limits.maxAliases}.`,
      );
    if (facts.rootFields > limits.maxRootFields) {
      refuse(
        ErrorCode.MAX_ROOT_FIELDS_EXCEEDED,
        `The operation asks for ${facts.rootFields} root fields; the limit is ${limits.maxRootFields}.`,
      );
    }
    if (facts.directives > limits.maxDirectives) {
      refuse(
        ErrorCode.MAX_DIRECTIVES_EXCEEDED,
        `The operation uses ${facts.directives} directives; the limit is ${limits.maxDirectives}.`,
      );
    }
    const cost =
      facts.fixedCost ??
      new Measure(this.schema, analysis.fragments, this.limits, variables ?? {}).cost(operation);
    if (cost > limits.maxCost) {
      refuse(
        ErrorCode.MAX_COST_EXCEEDED,
        `The operation's estimated cost is ${cost}; the limit is ${limits.maxCost}. Ask for smaller pages (first).`,
      );
    }
    return { ...facts, cost };
  }

  /** The canonical hash of a document, computed once (safelist mode only needs it). */
  canonicalHash(analysis: DocumentAnalysis): string {
    analysis.canonicalHash ??= createHash('sha256').update(print(analysis.document)).digest('hex');
    return analysis.canonicalHash;
  }
}

interface Shape {
  depth: number;
  introspectionDepth: number;
  aliases: number;
  directives: number;
}

/** One walk over an operation; fragment results are memoised so a fragment bomb stays linear. */
class Measure {
  private readonly shapes = new Map<string, Shape>();
  private readonly costs = new Map<string, number>();
  private readonly visiting = new Set<string>();
  /** Set when a size argument reads a variable: the cost must then be computed per request. */
  private usesVariables = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly limits: LimitsConfig,
    private readonly variables?: Record<string, unknown>,
  ) {}

  operation(operation: OperationDefinitionNode): OperationFacts {
    const root = this.rootType(operation);
    const shape = this.shape(operation.selectionSet, root, false);
    const rootNames = this.rootFieldNames(operation.selectionSet, new Set());
    const cost = this.cost(operation);
    const introspectionRoots = rootNames.filter((n) => n === '__schema' || n === '__type');
    return {
      name: operation.name?.value,
      type: operation.operation as OperationFacts['type'],
      depth: shape.depth,
      introspectionDepth: shape.introspectionDepth,
      aliases: shape.aliases,
      directives:
        shape.directives +
        countDirectives(operation.directives) +
        (operation.variableDefinitions ?? []).reduce((n, v) => n + countDirectives(v.directives), 0),
      rootFields: rootNames.filter((n) => n !== '__typename').length,
      introspection: introspectionRoots.length > 0,
      onlyIntrospection: introspectionRoots.length > 0 && rootNames.every((n) => n.startsWith('__')),
      fixedCost: this.usesVariables ? undefined : cost,
    };
  }

  cost(operation: OperationDefinitionNode): number {
    return this.selectionCost(operation.selectionSet, this.rootType(operation), undefined, operation);
  }

  private rootType(operation: OperationDefinitionNode): GraphQLNamedType | undefined {
    const type =
      operation.operation === 'query'
        ? this.schema.getQueryType()
        : operation.operation === 'mutation'
          ? this.schema.getMutationType()
          : this.schema.getSubscriptionType();
    return type ?? undefined;
  }

  private rootFieldNames(selectionSet: SelectionSetNode, seen: Set<string>): string[] {
    return selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return this.rootFieldNames(selection.selectionSet, seen);
      const fragment = this.fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return [];
      seen.add(fragment.name.value);
      return this.rootFieldNames(fragment.selectionSet, seen);
    });
  }

  /** Depth of plain paths and of paths through introspection fields, aliases and directives. */
  private shape(
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    inIntrospection: boolean,
  ): Shape {
    const total: Shape = { depth: 0, introspectionDepth: 0, aliases: 0, directives: 0 };
    const add = (child: Shape) => {
      total.depth = Math.max(total.depth, child.depth);
      total.introspectionDepth = Math.max(total.introspectionDepth, child.introspectionDepth);
      total.aliases += child.aliases;
      total.directives += child.directives;
    };
    for (const selection of selectionSet.selections) {
      total.directives += countDirectives(selection.directives);
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases++;
        const name = selection.name.value;
        const introspection = inIntrospection || name === '__schema' || name === '__type';
        const field = fieldOf(parent, name);
        const child = selection.selectionSet
          ? this.shape(selection.selectionSet, field && getNamedType(field.type), introspection)
          : { depth: 0, introspectionDepth: 0, aliases: 0, directives: 0 };
        add({
          ...child,
          depth: introspection ? 0 : child.depth + 1,
          introspectionDepth:
            introspection || child.introspectionDepth > 0 ? child.introspectionDepth + 1 : 0,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parent;
        add(this.shape(selection.selectionSet, type ?? undefined, inIntrospection));
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        // A cycle or an unknown fragment is left to GraphQL validation, which names it properly.
        if (!fragment || this.visiting.has(name)) continue;
        const key = `${name}:${inIntrospection}`;
        let shape = this.shapes.get(key);
        if (!shape) {
          this.visiting.add(name);
          shape = this.shape(
            fragment.selectionSet,
            this.schema.getType(fragment.typeCondition.name.value) ?? undefined,
            inIntrospection,
          );
          this.visiting.delete(name);
          this.shapes.set(key, shape);
        }
        add(shape);
      }
    }
    return total;
  }

  /**
   * Each field costs 1 plus its children times its list size; introspection costs nothing here.
   * `pageSize` is the `first` of the field above, which sizes the lists right under it (a
   * connection's `nodes`).
   */
  private selectionCost(
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    pageSize: number | undefined,
    operation: OperationDefinitionNode,
  ): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') continue;
        cost += 1;
        if (!selection.selectionSet) continue;
        const field = fieldOf(parent, name);
        const first = this.firstArgument(selection, field, operation);
        const list = field !== undefined && isList(field.type);
        // A list field is as long as its own `first`, or the page size above it, or the default.
        const multiplier = list ? (first ?? pageSize ?? this.limits.defaultListSize) : 1;
        const childPageSize = list ? undefined : first;
        cost +=
          multiplier *
          this.selectionCost(
            selection.selectionSet,
            field && getNamedType(field.type),
            childPageSize,
            operation,
          );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parent;
        cost += this.selectionCost(selection.selectionSet, type ?? undefined, pageSize, operation);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (!fragment || this.visiting.has(name)) continue;
        const key = `${name}:${pageSize ?? ''}`;
        let fragmentCost = this.costs.get(key);
        if (fragmentCost === undefined) {
          this.visiting.add(name);
          fragmentCost = this.selectionCost(
            fragment.selectionSet,
            this.schema.getType(fragment.typeCondition.name.value) ?? undefined,
            pageSize,
            operation,
          );
          this.visiting.delete(name);
          this.costs.set(key, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  }

  /** The page size a field asks for: its `first` (or `last`) argument, else that argument's default. */
  private firstArgument(
    node: FieldNode,
    field: GraphQLField<unknown, unknown> | undefined,
    operation: OperationDefinitionNode,
  ): number | undefined {
    for (const name of SIZE_ARGUMENTS) {
      const definition = field?.args.find((a) => a.name === name);
      if (!definition) continue;
      const given = node.arguments?.find((a) => a.name.value === name)?.value;
      const size = given
        ? this.intValue(given, operation)
        : typeof definition.defaultValue === 'number'
          ? definition.defaultValue
          : undefined;
      return Math.max(1, size ?? this.limits.defaultListSize);
    }
    return undefined;
  }

  private intValue(value: ValueNode, operation: OperationDefinitionNode): number | undefined {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    this.usesVariables = true;
    const name = value.name.value;
    const given = this.variables?.[name];
    if (typeof given === 'number') return given;
    const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
  }
}

function fieldOf(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
  return undefined;
}

function isList(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function countDirectives(directives: readonly unknown[] | undefined): number {
  return directives?.length ?? 0;
}
