// Which named operations of operations/ use a coordinate a change breaks: a breaking change is a
// warning to every client, and an error waiting to happen for the GraphiQL examples, the dashboard
// and the persisted-operation safelist, which this repo ships itself. Each use is reported at the
// operation's file and line, so the partner sees exactly which query to update.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType,
  isEnumType,
  Kind,
  parse,
  Source,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
} from 'graphql';
import { repoPath } from '../composition.js';

/** Where an operation uses a schema coordinate. */
export interface OperationUse {
  coordinate: string;
  operation: string;
  file: string;
  line: number;
  column: number;
}

/** Every coordinate the operations of `dir` (its `*.graphql` files) use, read against `schema`. */
export function operationUses(dir: string, schema: GraphQLSchema): OperationUse[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
  } catch {
    return [];
  }
  const uses: OperationUse[] = [];
  for (const name of files) {
    const path = join(dir, name);
    let document;
    try {
      document = parse(new Source(readFileSync(path, 'utf8'), repoPath(path)));
    } catch {
      continue; // An operation that does not parse is the operations test's business.
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION)
        continue;
      const operation = definition.name?.value ?? '(anonymous)';
      const typeInfo = new TypeInfo(schema);
      const use = (coordinate: string, loc: { startToken: { line: number; column: number } } | undefined) => {
        if (loc)
          uses.push({
            coordinate,
            operation,
            file: repoPath(path),
            line: loc.startToken.line,
            column: loc.startToken.column,
          });
      };
      visit(
        definition,
        visitWithTypeInfo(typeInfo, {
          Field(node) {
            const parent = typeInfo.getParentType();
            if (parent) use(`${parent.name}.${node.name.value}`, node.loc);
          },
          Argument(node) {
            const parent = typeInfo.getParentType();
            const field = typeInfo.getFieldDef();
            if (parent && field) use(`${parent.name}.${field.name}(${node.name.value}:)`, node.loc);
          },
          NamedType(node) {
            use(node.name.value, node.loc);
          },
          EnumValue(node) {
            const type = typeInfo.getInputType();
            const named = type ? getNamedType(type) : undefined;
            if (named && isEnumType(named)) use(`${named.name}.${node.value}`, node.loc);
          },
        }),
      );
    }
  }
  return uses;
}
