// The mission workload's queries: the support-picture operation of operations/ asked for one
// territory, for the 21 of Grand Est and for all 183, each trimmed to what the running
// supergraph serves (operator subgraphs that are not registered yet simply leave their fields out).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from 'graphql';
import { REPO_ROOT } from '../../tools/composition.js';

export const OPERATIONS_DIR = join(REPO_ROOT, 'operations');

/**
 * The support-picture operation: of the operations/ files that ask `territory(id:)`, the one
 * that selects the most (the operator subgraphs extend the picture as they arrive).
 */
export function findSupportPictureFile(dir = OPERATIONS_DIR): string {
  let best: { file: string; size: number } | undefined;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const field = territoryField(parse(text));
    if (!field?.selectionSet) continue;
    const size = print(field.selectionSet).length;
    if (!best || size > best.size) best = { file, size };
  }
  if (!best) throw new Error(`no operation in ${dir} asks territory(id:) { … }`);
  return best.file;
}

function territoryField(document: DocumentNode): FieldNode | undefined {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operation?.selectionSet.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'territory',
  );
}

/** How many territories a mission query asks for. */
export type PictureSize = 1 | 21 | 183;

/** A ready-to-send mission query. */
export interface PictureQuery {
  size: PictureSize;
  body: string;
  /** Fields of the operation the supergraph does not serve (yet), left out. */
  droppedFields: string[];
  /** The operation file it was built from. */
  file: string;
  /** The departments of the same territories (territories subgraph only: no upstream call). */
  departmentsBody: string;
}

/** Builds the three mission queries from the operation file, trimmed to the gateway's schema. */
export async function buildPictureQueries(
  gatewayUrl: string,
  file = findSupportPictureFile(),
): Promise<PictureQuery[]> {
  const schema = await fetchSchema(gatewayUrl);
  const source = parse(readFileSync(file, 'utf8'));
  const operation = source.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = source.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const picked = territoryField(source);
  if (!operation || !picked?.selectionSet) {
    throw new Error(`${file}: expected an operation selecting territory(id:) { … }`);
  }
  const picture = print(picked.selectionSet);
  const rest = fragments.map((f) => print(f)).join('\n');
  const id = defaultId(operation) ?? 'ti-4405';
  // Other variables of the operation (page sizes…) keep their definitions and defaults.
  const others = (operation.variableDefinitions ?? [])
    .filter((v) => v.variable.name.value !== 'id')
    .map((v) => print(v));
  const head = (name: string) => `query ${name}${others.length ? `(${others.join(', ')})` : ''}`;
  const many = (filter: string) =>
    `territories(filter: ${filter}, first: 200) { totalCount nodes ${picture} }`;
  const departments: Record<PictureSize, string> = {
    1: `{ territory(id: ${JSON.stringify(id)}) { departmentCodes } }`,
    21: '{ territories(filter: { regionCode: "44", phase: 2 }, first: 200) { nodes { departmentCodes } } }',
    183: '{ territories(filter: { phase: 2 }, first: 200) { nodes { departmentCodes } } }',
  };
  const texts: [PictureSize, string][] = [
    [1, `${head('SupportPicture1')} { territory(id: ${JSON.stringify(id)}) ${picture} }\n${rest}`],
    [21, `${head('SupportPicture21')} { ${many('{ regionCode: "44", phase: 2 }')} }\n${rest}`],
    [183, `${head('SupportPicture183')} { ${many('{ phase: 2 }')} }\n${rest}`],
  ];
  return texts.map(([size, text]) => {
    const { document, dropped } = trimToSchema(schema, parse(text));
    const errors = validate(schema, document);
    if (errors.length)
      throw new Error(`the ${size}-territory support picture does not validate: ${errors[0]?.message}`);
    return {
      size,
      body: JSON.stringify({ query: print(document) }),
      droppedFields: dropped,
      file,
      departmentsBody: JSON.stringify({ query: departments[size] }),
    };
  });
}

/** Removes the fields the schema does not know, and selections left empty by that. */
export function trimToSchema(
  schema: GraphQLSchema,
  document: DocumentNode,
): { document: DocumentNode; dropped: string[] } {
  const dropped = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let trimmed = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          if (typeInfo.getFieldDef()) return undefined;
          dropped.add(`${typeInfo.getParentType()?.name ?? '?'}.${node.name.value}`);
          return null;
        },
      },
    }),
  );
  // A field whose whole selection was dropped would now be invalid: drop it too, until stable.
  for (let changed = true; changed;) {
    changed = false;
    trimmed = visit(trimmed, {
      Field: {
        leave(node) {
          if (node.selectionSet && node.selectionSet.selections.length === 0) {
            changed = true;
            return null;
          }
          return undefined;
        },
      },
    });
  }
  return { document: trimmed, dropped: [...dropped].sort() };
}

/** The distinct departments in an answer to a query's `departmentsBody`. */
export function countDepartments(body: unknown): number {
  const data = (
    body as {
      data?: {
        territory?: { departmentCodes?: string[] };
        territories?: { nodes?: { departmentCodes?: string[] }[] };
      };
    }
  ).data;
  const nodes = data?.territories?.nodes ?? (data?.territory ? [data.territory] : []);
  return new Set(nodes.flatMap((n) => n.departmentCodes ?? [])).size;
}

/** Counts the territories in a mission answer, and its errors. */
export function describeAnswer(body: unknown): { territories: number; errors: number; firstError?: string } {
  const answer = body as {
    data?: { territory?: unknown; territories?: { nodes?: unknown[] } };
    errors?: { message?: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
  const territories = answer.data?.territories?.nodes?.length ?? (answer.data?.territory ? 1 : 0);
  const first = answer.errors?.[0];
  const firstError = first
    ? `${first.extensions?.code ?? 'UNCODED'} at ${(first.path ?? []).join('.')}: ${first.message ?? ''}`.slice(
        0,
        300,
      )
    : undefined;
  return { territories, errors: answer.errors?.length ?? 0, firstError };
}

async function fetchSchema(gatewayUrl: string): Promise<GraphQLSchema> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] };
  if (!body.data)
    throw new Error(`introspection of ${gatewayUrl} failed: ${body.errors?.[0]?.message ?? response.status}`);
  return buildClientSchema(body.data);
}

function defaultId(operation: OperationDefinitionNode): string | undefined {
  const variable = operation.variableDefinitions?.find((v) => v.variable.name.value === 'id');
  return variable?.defaultValue?.kind === Kind.STRING ? variable.defaultValue.value : undefined;
}
