// Which coordinates of the served supergraph only a draft subgraph serves. A subgraph scaffolded by
// `subgraph:new` is composed at once (so `npm start` serves it) but nobody has queried its
// placeholder schema yet: changing what only it serves breaks no client, so the schema check
// reports those changes as notes rather than as breaking changes.
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode } from 'graphql';

/** Coordinates (`Type`, `Type.field`, `Enum.VALUE`) that only the draft graph serves. */
export function coordinatesOnlyIn(supergraphSdl: string, subgraphName: string): Set<string> {
  const document = parse(supergraphSdl);
  const graph = graphEnumValue(document.definitions, subgraphName);
  const owned = new Set<string>();
  if (!graph) return owned;
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION &&
      definition.kind !== Kind.UNION_TYPE_DEFINITION
    )
      continue;
    const typeName = definition.name.value;
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    const typeOwned = onlyThis(typeGraphs, graph);
    if (typeOwned) owned.add(typeName);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const graphs = graphsOf(value.directives, 'join__enumValue');
        if (graphs.length ? onlyThis(graphs, graph) : typeOwned) owned.add(`${typeName}.${value.name.value}`);
      }
      continue;
    }
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      // A field with no @join__field is served by every graph that defines its type.
      const graphs = graphsOf(field.directives, 'join__field');
      if (graphs.length ? onlyThis(graphs, graph) : typeOwned) owned.add(`${typeName}.${field.name.value}`);
    }
  }
  return owned;
}

/** True when a change's coordinate (`Type.field(arg:)` counts as its field) is draft-only. */
export function isDraftOnly(coordinate: string, owned: ReadonlySet<string>): boolean {
  if (!coordinate) return false;
  const withoutArg = coordinate.replace(/\(.*\)$/, '');
  return owned.has(withoutArg) || owned.has(withoutArg.split('.')[0] ?? '');
}

function graphEnumValue(definitions: readonly DefinitionNode[], subgraphName: string): string | undefined {
  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives
        ?.find((d) => d.name.value === 'join__graph')
        ?.arguments?.find((a) => a.name.value === 'name')?.value;
      if (name?.kind === Kind.STRING && name.value === subgraphName) return value.name.value;
    }
  }
  return undefined;
}

function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, directive: string): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === directive)
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .map((v) => (v?.kind === Kind.ENUM ? v.value : ''))
    .filter(Boolean);
}

function onlyThis(graphs: string[], graph: string): boolean {
  return graphs.length > 0 && graphs.every((g) => g === graph);
}
