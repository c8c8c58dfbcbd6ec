// The persisted-operation manifest built from a folder of .graphql files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildManifest, sha256 } from '../src/pipeline/persistedOperations.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'operations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('buildManifest', () => {
  it('lists each named operation with the fragments it uses, its id the sha256 of its printed body', () => {
    const dir = folder({
      'A.graphql':
        '# comment\nquery A { territory(id: "1") { ...T } }\nfragment T on Territory { id ...U }\nfragment U on Territory { name }\nfragment Unused on Territory { id }',
      'B.graphql': 'query B { regions { code } }',
      'notes.txt': 'ignored',
    });
    const manifest = buildManifest(dir);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o) => o.name)).toEqual(['A', 'B']);
    const a = manifest.operations[0]!;
    expect(a.body).toContain('fragment T');
    expect(a.body).toContain('fragment U');
    expect(a.body).not.toContain('Unused');
    expect(a.id).toBe(sha256(a.body));
    // Printing is stable: the body is its own canonical form.
    expect(print(parse(a.body))).toBe(a.body);
  });

  it('refuses anonymous operations and duplicate names', () => {
    expect(() => buildManifest(folder({ 'A.graphql': '{ regions { code } }' }))).toThrow(/needs a name/);
    expect(() =>
      buildManifest(folder({ 'A.graphql': 'query A { a }', 'B.graphql': 'query A { b }' })),
    ).toThrow(/two operations are named A/);
  });

  it('builds the repository’s own operations folder', () => {
    const manifest = buildManifest(join(import.meta.dirname, '../../operations'));
    expect(manifest.operations.length).toBeGreaterThanOrEqual(3);
  });
});
