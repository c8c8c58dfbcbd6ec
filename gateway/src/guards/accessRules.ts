// Access rules read from the composed supergraph. Subgraphs declare access with the Federation
// directives @authenticated and @requiresScopes; composition keeps them in the supergraph, linked
// `for: SECURITY`. @apollo/gateway refuses such a supergraph, so the gateway reads the rules here,
// hands @apollo/gateway a copy without those links and directives, and enforces the rules itself
// (accessControl.ts).
import {
  Kind,
  parse,
  print,
  visit,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type DocumentNode,
  type TypeDefinitionNode,
} from 'graphql';

/** One condition a caller must meet: be authenticated, or hold every scope of one of the sets. */
export type AccessCondition = { kind: 'authenticated' } | { kind: 'scopes'; anyOf: string[][] };

/** The conditions that guard one schema coordinate (all must hold). */
export interface Requirement {
  coordinate: string;
  conditions: AccessCondition[];
}

/** Access rules of a supergraph: requirements by `Type.field`. */
export interface AccessRules {
  /** Requirement of a field, already combined with those of its parent type and its return type. */
  field(typeName: string, fieldName: string): Requirement | undefined;
  /** Number of guarded coordinates (0 means every request takes the fast path). */
  readonly size: number;
}

/** A supergraph split into what @apollo/gateway is given and what the gateway enforces. */
export interface PreparedSupergraph {
  /** The supergraph without the security features @apollo/gateway refuses. */
  gatewaySdl: string;
  rules: AccessRules;
  /** Subgraphs and their routing URLs (from the join__Graph enum). */
  subgraphs: { name: string; url: string }[];
}

const AUTHENTICATED_SPEC = 'https://specs.apollo.dev/authenticated/';
const REQUIRES_SCOPES_SPEC = 'https://specs.apollo.dev/requiresScopes/';
/** Security features we cannot enforce: refusing the supergraph beats silently ignoring a rule. */
const UNSUPPORTED_SECURITY_SPECS = ['https://specs.apollo.dev/policy/'];

/** Reads the access rules of a supergraph and strips their links and directives for @apollo/gateway. */
export function prepareSupergraph(sdl: string): PreparedSupergraph {
  const document = parse(sdl);
  const names = securityDirectiveNames(document);
  const rules = buildRules(document, names);
  const subgraphs = subgraphsOf(document);
  if (!names.authenticated && !names.requiresScopes) return { gatewaySdl: sdl, rules, subgraphs };
  return { gatewaySdl: print(stripSecurity(document, names)), rules, subgraphs };
}

function subgraphsOf(document: DocumentNode): { name: string; url: string }[] {
  const graphs = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) return [];
  return (graphs.values ?? []).flatMap((value) => {
    const graph = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = graph && stringArgument(graph, 'name');
    const url = graph && stringArgument(graph, 'url');
    return name && url !== undefined ? [{ name, url }] : [];
  });
}

interface SecurityNames {
  authenticated?: string;
  requiresScopes?: string;
}

/** Finds the local names of the two directives from the schema's @link applications (`as:` renames them). */
function securityDirectiveNames(document: DocumentNode): SecurityNames {
  const names: SecurityNames = {};
  for (const link of schemaLinks(document)) {
    const url = stringArgument(link, 'url') ?? '';
    const alias = stringArgument(link, 'as');
    if (url.startsWith(AUTHENTICATED_SPEC)) names.authenticated = alias ?? 'authenticated';
    else if (url.startsWith(REQUIRES_SCOPES_SPEC)) names.requiresScopes = alias ?? 'requiresScopes';
    else if (UNSUPPORTED_SECURITY_SPECS.some((spec) => url.startsWith(spec))) {
      throw new Error(`the supergraph links ${url}, which this gateway cannot enforce`);
    }
  }
  return names;
}

function schemaLinks(document: DocumentNode): readonly ConstDirectiveNode[] {
  return document.definitions.flatMap((d) =>
    d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION
      ? (d.directives ?? []).filter((x) => x.name.value === 'link')
      : [],
  );
}

function buildRules(document: DocumentNode, names: SecurityNames): AccessRules {
  const typeConditions = new Map<string, AccessCondition[]>();
  const fieldConditions = new Map<string, AccessCondition[]>();
  const returnTypes = new Map<string, string>();
  const implementations = new Map<string, string[]>();
  const fieldsOf = new Map<string, string[]>();

  for (const definition of document.definitions) {
    if (!isTypeDefinition(definition)) continue;
    const typeName = definition.name.value;
    const own = conditionsOf(definition.directives ?? [], names);
    if (own.length > 0) typeConditions.set(typeName, own);
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION
    ) {
      for (const iface of definition.interfaces ?? []) {
        implementations.set(iface.name.value, [...(implementations.get(iface.name.value) ?? []), typeName]);
      }
      const fields: string[] = [];
      for (const field of definition.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        fields.push(field.name.value);
        returnTypes.set(coordinate, namedType(field.type));
        const conditions = conditionsOf(field.directives ?? [], names);
        if (conditions.length > 0) fieldConditions.set(coordinate, conditions);
      }
      fieldsOf.set(typeName, fields);
    }
  }

  const requirements = new Map<string, Requirement>();
  const ownOf = (typeName: string, fieldName: string): AccessCondition[] => {
    const coordinate = `${typeName}.${fieldName}`;
    return [
      ...(fieldConditions.get(coordinate) ?? []),
      ...(typeConditions.get(typeName) ?? []),
      ...(typeConditions.get(returnTypes.get(coordinate) ?? '') ?? []),
    ];
  };
  for (const [typeName, fields] of fieldsOf) {
    for (const fieldName of fields) {
      // A field read through an interface is guarded by what guards it on any implementation.
      const conditions = [
        ...ownOf(typeName, fieldName),
        ...(implementations.get(typeName) ?? []).flatMap((impl) => ownOf(impl, fieldName)),
      ];
      if (conditions.length > 0) {
        requirements.set(`${typeName}.${fieldName}`, {
          coordinate: `${typeName}.${fieldName}`,
          conditions: dedupe(conditions),
        });
      }
    }
  }
  return {
    field: (typeName, fieldName) => requirements.get(`${typeName}.${fieldName}`),
    size: requirements.size,
  };
}

function isTypeDefinition(definition: DefinitionNode): definition is TypeDefinitionNode {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
  );
}

function conditionsOf(directives: readonly ConstDirectiveNode[], names: SecurityNames): AccessCondition[] {
  const conditions: AccessCondition[] = [];
  for (const directive of directives) {
    if (directive.name.value === names.authenticated) conditions.push({ kind: 'authenticated' });
    if (directive.name.value === names.requiresScopes) {
      const value = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
      conditions.push({ kind: 'scopes', anyOf: scopeSets(value) });
    }
  }
  return conditions;
}

function scopeSets(value: ConstValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((set) =>
    set.kind === Kind.LIST
      ? set.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : []))
      : set.kind === Kind.STRING
        ? [set.value]
        : [],
  );
}

function dedupe(conditions: AccessCondition[]): AccessCondition[] {
  const seen = new Set<string>();
  return conditions.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function namedType(type: { kind: Kind; type?: unknown; name?: { value: string } }): string {
  let current = type;
  while (current.kind !== Kind.NAMED_TYPE) current = current.type as typeof type;
  return current.name?.value ?? '';
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument: ConstArgumentNode | undefined = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** Removes the security links, the directive definitions, their `__Scope` scalar and every application. */
function stripSecurity(document: DocumentNode, names: SecurityNames): DocumentNode {
  const directives = new Set([names.authenticated, names.requiresScopes].filter((n): n is string => !!n));
  const scalars = new Set(names.requiresScopes ? [`${names.requiresScopes}__Scope`] : []);
  return visit(document, {
    DirectiveDefinition: (node) => (directives.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (scalars.has(node.name.value) ? null : undefined),
    Directive: (node) => {
      if (directives.has(node.name.value)) return null;
      if (node.name.value === 'link') {
        const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
        if (
          url?.kind === Kind.STRING &&
          (url.value.startsWith(AUTHENTICATED_SPEC) || url.value.startsWith(REQUIRES_SCOPES_SPEC))
        )
          return null;
      }
      return undefined;
    },
  });
}

/** True when the identity meets one condition. */
export function meetsCondition(
  condition: AccessCondition,
  authenticated: boolean,
  scopes: ReadonlySet<string>,
): boolean {
  if (!authenticated) return false;
  if (condition.kind === 'authenticated') return true;
  return condition.anyOf.some((set) => set.every((scope) => scopes.has(scope)));
}
