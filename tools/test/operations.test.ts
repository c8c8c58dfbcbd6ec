// The named operations of operations/ are what dashboards and GraphiQL examples rely on: each must
// validate against the API schema of the committed supergraph, and their generated TypeScript
// types (operations/generated/types.ts) must be up to date.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, validate, type DocumentNode } from 'graphql';
import { SUPERGRAPH_FILE } from '../composition.js';
import { apiSchemaOf } from '../schemaCheck/apiSchema.js';
import { generateOperationTypes, OPERATION_TYPES_FILE, OPERATIONS_DIR } from '../codegen/operationTypes.js';

const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const files = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort();
const documents = new Map<string, DocumentNode>(
  files.map((f) => [f, parse(readFileSync(join(OPERATIONS_DIR, f), 'utf8'))]),
);

describe('operations/', () => {
  it('holds the dashboard and example operations', () => {
    expect(files).toEqual(expect.arrayContaining(['TerritoryDashboard.graphql', 'MarneOverview.graphql']));
  });

  for (const [file, document] of documents) {
    it(`${file} validates against the supergraph's API schema`, () => {
      expect(validate(schema, document).map((e) => `${file}: ${e.message}`)).toEqual([]);
    });
  }

  it('names every operation and fragment once across all files (generated types are named after them)', () => {
    const names = [...documents.values()].flatMap((d) =>
      d.definitions.flatMap((def) =>
        def.kind === Kind.OPERATION_DEFINITION || def.kind === Kind.FRAGMENT_DEFINITION
          ? [def.name?.value ?? '(anonymous)']
          : [],
      ),
    );
    expect(names).not.toContain('(anonymous)');
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('has generated types that match the operations and the supergraph (run `npm run codegen` when this fails)', async () => {
    const expected = await generateOperationTypes();
    expect(readFileSync(OPERATION_TYPES_FILE, 'utf8')).toBe(expected);
  });
});
