// The house conventions of a subgraph schema, checked on the partner's own SDL so each finding
// points at a line of their file:
// - an owner `@contact(name: …)` on the schema;
// - a description on every type and field (external fields and other owners' keys excepted);
// - growing lists are paginated: a list of objects takes a `first` argument, unless it is the
//   `nodes`/`edges` of a connection or declares its bound with `@listSize(assumedSize: N)`;
// - names: types PascalCase, fields and arguments camelCase, enum values UPPER_CASE;
// - an entity (`@key`) type carries a cache hint when the schema has `@cacheControl`: without one,
//   every query reaching the subgraph (`_entities`) is `no-store`, and the gateway's response cache
//   never serves it.
import {
  Kind,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NameNode,
  type TypeDefinitionNode,
  type TypeExtensionNode,
  type TypeNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
} from 'graphql';
import type { Finding } from './findings.js';

/** What the convention check needs to know besides the SDL. */
export interface ConventionContext {
  /** File name shown in findings. */
  file: string;
  /** Coordinates already served by the current supergraph: their findings are warnings, not errors. */
  published: Set<string>;
  /** Types that other subgraphs also define (their owner describes them). */
  definedElsewhere: Set<string>;
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const SCALARS_OF_GRAPHQL = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** Checks the house conventions on a parsed subgraph schema. */
export function checkConventions(document: DocumentNode, context: ConventionContext): Finding[] {
  const findings: Finding[] = [];
  const report = (
    rule: string,
    coordinate: string,
    node: { loc?: NameNode['loc'] } | undefined,
    message: string,
  ) => {
    const token = node?.loc?.startToken;
    findings.push({
      severity: context.published.has(coordinate) ? 'warning' : 'error',
      kind: 'convention',
      rule,
      coordinate,
      message: context.published.has(coordinate) ? `${message} (already published)` : message,
      // The node's own file: a finding in an imported shared block names that block.
      file: node?.loc?.source.name || context.file,
      line: token?.line,
      column: token?.column,
    });
  };
  checkContact(document, context, findings);
  checkEntityCacheHints(document, report);
  const objectTypes = new Set(
    document.definitions
      .filter(
        (d) =>
          isTypeDefinition(d) &&
          'fields' in d &&
          d.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
          d.kind !== Kind.INPUT_OBJECT_TYPE_EXTENSION,
      )
      .map((d) => typeName(d)),
  );
  const unionTypes = new Set(
    document.definitions.filter((d) => d.kind === Kind.UNION_TYPE_DEFINITION).map((d) => typeName(d)),
  );
  for (const definition of document.definitions) {
    if (!isTypeDefinition(definition)) continue;
    const name = typeName(definition);
    if (name.startsWith('_') || name.includes('__') || SCALARS_OF_GRAPHQL.has(name)) continue;
    const nameNode = 'name' in definition ? definition.name : undefined;
    const extension = definition.kind.endsWith('_EXTENSION');
    const ownedElsewhere = context.definedElsewhere.has(name) && hasDirective(definition, 'key');
    if (!PASCAL.test(name)) report('naming', name, nameNode, `Type ${name} should be PascalCase.`);
    if (!extension && !ROOT_TYPES.has(name) && !ownedElsewhere && !hasDescription(definition)) {
      report('description', name, nameNode, `Type ${name} has no description.`);
    }
    const keyFields = keyFieldNames(definition);
    for (const field of ('fields' in definition ? definition.fields : undefined) ?? []) {
      checkField(name, field, { ownedElsewhere, keyFields, objectTypes, unionTypes }, report);
    }
    for (const value of ('values' in definition ? definition.values : undefined) ?? []) {
      const coordinate = `${name}.${value.name.value}`;
      if (!UPPER.test(value.name.value))
        report('naming', coordinate, value.name, `Enum value ${coordinate} should be UPPER_CASE.`);
    }
  }
  return findings;
}

type Report = (
  rule: string,
  coordinate: string,
  node: { loc?: NameNode['loc'] } | undefined,
  message: string,
) => void;

function checkField(
  typeName: string,
  field: FieldDefinitionNode | InputValueDefinitionNode,
  scope: {
    ownedElsewhere: boolean;
    keyFields: Set<string>;
    objectTypes: Set<string>;
    unionTypes: Set<string>;
  },
  report: Report,
): void {
  const name = field.name.value;
  const coordinate = `${typeName}.${name}`;
  if (name.startsWith('_')) return;
  if (!CAMEL.test(name)) report('naming', coordinate, field.name, `Field ${coordinate} should be camelCase.`);
  const external = hasDirective(field, 'external');
  const ownersKey = scope.ownedElsewhere && scope.keyFields.has(name);
  if (!external && !ownersKey && !field.description?.value.trim()) {
    report('description', coordinate, field.name, `Field ${coordinate} has no description.`);
  }
  if (field.kind !== Kind.FIELD_DEFINITION) return;
  for (const arg of field.arguments ?? []) {
    if (!CAMEL.test(arg.name.value)) {
      report(
        'naming',
        `${coordinate}(${arg.name.value}:)`,
        arg.name,
        `Argument ${arg.name.value} of ${coordinate} should be camelCase.`,
      );
    }
  }
  const list = listOf(field.type);
  if (!list || external) return;
  const itemIsObject = scope.objectTypes.has(list) || scope.unionTypes.has(list);
  const connectionPage = /Connection$/.test(typeName) && (name === 'nodes' || name === 'edges');
  const paginated = (field.arguments ?? []).some((a) => a.name.value === 'first');
  const bounded = hasDirective(field, 'listSize');
  if (itemIsObject && !connectionPage && !paginated && !bounded) {
    report(
      'pagination',
      coordinate,
      field.name,
      `List ${coordinate}: [${list}] can grow: paginate it (\`first\`/\`after\`, or a connection) or declare its bound with @listSize(assumedSize: N).`,
    );
  }
}

function checkContact(document: DocumentNode, context: ConventionContext, findings: Finding[]): void {
  const schemaNodes = document.definitions.filter(
    (d) => d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION,
  );
  const contact = schemaNodes.flatMap((d) => d.directives ?? []).find((d) => d.name.value === 'contact');
  const name = contact?.arguments?.find((a) => a.name.value === 'name')?.value;
  if (contact && name?.kind === Kind.STRING && name.value.trim()) return;
  const loc = (contact ?? schemaNodes[0])?.loc;
  const token = loc?.startToken;
  findings.push({
    severity: 'error',
    kind: 'convention',
    rule: 'contact',
    message: contact
      ? '@contact needs a non-empty `name`: the team that owns this subgraph.'
      : 'The schema has no owner: add `extend schema @contact(name: "…", url: "…", description: "…")` (and define the @contact directive).',
    file: loc?.source.name || context.file,
    line: token?.line ?? 1,
    column: token?.column ?? 1,
  });
}

type TypeDefinition = TypeDefinitionNode | TypeExtensionNode;

function isTypeDefinition(definition: DefinitionNode): definition is TypeDefinition {
  return isTypeDefinitionNode(definition) || isTypeExtensionNode(definition);
}

function typeName(definition: DefinitionNode): string {
  return 'name' in definition && definition.name ? definition.name.value : '';
}

function hasDescription(definition: TypeDefinition): boolean {
  return 'description' in definition && Boolean(definition.description?.value.trim());
}

function hasDirective(node: { directives?: readonly ConstDirectiveNode[] }, name: string): boolean {
  // Imports may be renamed (`federation__listSize`): match on the last part of the name.
  return (node.directives ?? []).some((d) => d.name.value === name || d.name.value.endsWith(`__${name}`));
}

function keyFieldNames(definition: TypeDefinition): Set<string> {
  const names = new Set<string>();
  for (const directive of ('directives' in definition ? definition.directives : undefined) ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
    if (fields?.kind === Kind.STRING) for (const word of fields.value.match(/\w+/g) ?? []) names.add(word);
  }
  return names;
}

/** The item type name when `type` is a list (at any nullability), else undefined. */
function listOf(type: TypeNode): string | undefined {
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind !== Kind.LIST_TYPE) return undefined;
  let item: TypeNode = inner.type;
  while (item.kind !== Kind.NAMED_TYPE) item = item.type;
  return item.name.value;
}

/** An entity type of a schema that knows `@cacheControl` must carry one (see the header). */
function checkEntityCacheHints(
  document: DocumentNode,
  report: (
    rule: string,
    coordinate: string,
    node: { loc?: NameNode['loc'] } | undefined,
    message: string,
  ) => void,
): void {
  const hasCacheControl = document.definitions.some(
    (d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'cacheControl',
  );
  if (!hasCacheControl) return;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const directives = definition.directives ?? [];
    if (!directives.some((d) => d.name.value === 'key')) continue;
    if (directives.some((d) => d.name.value === 'cacheControl')) continue;
    const name = definition.name.value;
    report(
      'cache-hint',
      name,
      definition.name,
      `Entity type ${name} has no @cacheControl: every query reaching this subgraph would be no-store. Add @cacheControl(maxAge: N) to the type.`,
    );
  }
}
