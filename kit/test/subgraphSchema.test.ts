// A subgraph schema file with the shared blocks it imports: each block is read once, every node
// names the file it is written in, a missing block names the importing line, and the subgraph
// serves the whole self-contained SDL at `_service`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind } from 'graphql';
import {
  assembleSubgraphSchema,
  loadSubgraphSchema,
  rebaseImports,
  SchemaImportError,
  SHARED_SCHEMA_DIR,
} from '../src/subgraphSchema.js';
import { createSubgraphServer } from '../src/subgraphServer.js';

/** Writes files into a new temporary folder; returns the folder. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-schema-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function namesWithFiles(document: ReturnType<typeof loadSubgraphSchema>['document']): string[] {
  return document.definitions.map(
    (d) => `${'name' in d && d.name ? d.name.value : d.kind}@${d.loc?.source.name}:${d.loc?.startToken.line}`,
  );
}

describe('loadSubgraphSchema', () => {
  it('appends each imported block once, nested imports included, each node naming its file', () => {
    const dir = folder({
      'sub/schema.graphql':
        '#import "../shared/b.graphql"\n#import "../shared/c.graphql"\n\ntype A { b: B }\n',
      'shared/b.graphql': '#import "./c.graphql"\ntype B { c: C }\n',
      'shared/c.graphql': '\n\ntype C { x: Int }\n',
    });
    const schema = loadSubgraphSchema(join(dir, 'sub/schema.graphql'), (p) => p.slice(dir.length + 1));
    expect(schema.imports).toEqual([join(dir, 'shared/b.graphql'), join(dir, 'shared/c.graphql')]);
    expect(namesWithFiles(schema.document)).toEqual([
      'A@sub/schema.graphql:4',
      'B@shared/b.graphql:2',
      'C@shared/c.graphql:3',
    ]);
    expect(schema.sdl).toBe(
      '#import "../shared/b.graphql"\n#import "../shared/c.graphql"\n\ntype A { b: B }\n\n' +
        '#import "./c.graphql"\ntype B { c: C }\n\n' +
        '\n\ntype C { x: Int }\n',
    );
  });

  it('names the importing file and line when a block cannot be read', () => {
    const dir = folder({ 'schema.graphql': 'type A { x: Int }\n#import "./missing.graphql"\n' });
    const load = () => loadSubgraphSchema(join(dir, 'schema.graphql'));
    expect(load).toThrow(SchemaImportError);
    expect(load).toThrow(
      `${join(dir, 'schema.graphql')}:2: cannot read the imported schema block ${join(dir, 'missing.graphql')}`,
    );
  });

  it('leaves a text without imports as it is', () => {
    const schema = assembleSubgraphSchema('type A { x: Int }', '/nowhere/schema.graphql');
    expect(schema.imports).toEqual([]);
    expect(schema.sdl).toBe('type A { x: Int }\n');
    expect(schema.document.definitions.map((d) => d.kind)).toEqual([Kind.OBJECT_TYPE_DEFINITION]);
  });
});

describe('rebaseImports', () => {
  it('rewrites import paths for a file written elsewhere, leaving other lines alone', () => {
    const text = '# a comment\n#import "../../kit/schema/operator.graphql"\ntype A { x: Int }';
    expect(rebaseImports(text, '/repo/subgraphs/acme/schema.graphql', '/repo/next.graphql')).toBe(
      '# a comment\n#import "./kit/schema/operator.graphql"\ntype A { x: Int }',
    );
    expect(rebaseImports(text, '/tmp/x/schema.graphql', '/tmp/x/other.graphql')).toBe(text);
  });
});

describe('a subgraph built from a file that imports the shared block', () => {
  it('serves the self-contained SDL, shared types included, at _service', async () => {
    const dir = folder({
      'schema.graphql':
        `#import "${join(SHARED_SCHEMA_DIR, 'operator.graphql')}"\n` +
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@inaccessible"]) @contact(name: "Test")\n' +
        'type Query { "A summary." summary: OperatorSummary }\n',
    });
    const server = createSubgraphServer({
      name: 'test',
      schemaPath: join(dir, 'schema.graphql'),
      resolvers: {},
    });
    const response = await server.executeOperation({ query: '{ _service { sdl } }' });
    expect(response.body.kind).toBe('single');
    const sdl = (response.body as { singleResult: { data?: { _service: { sdl: string } } } }).singleResult
      .data?._service.sdl;
    for (const type of [
      'type OperatorSummary',
      'type AxisAmount',
      'enum Operator',
      'enum Axis',
      'type PageInfo',
      'scalar Euros',
    ])
      expect(sdl).toContain(type);
    expect(sdl).toContain('summary: OperatorSummary');
  });
});
