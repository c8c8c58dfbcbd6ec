// GraphiQL's example tabs: which operation it opens on, and the order of the rest.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphiqlPage, loadExampleOperations } from '../src/pages/graphiql.js';

describe('example tabs', () => {
  it('opens on the README’s MarneOverview, then the support picture, then the rest by name', () => {
    const names = loadExampleOperations().map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['MarneOverview', 'TerritorySupportPicture']);
    const rest = names.slice(2);
    expect(rest).toContain('CompanySupport');
    expect(rest).toEqual([...rest].sort());
  });

  it('keeps that order whatever the folder holds, and reads variables beside an operation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graphiql-examples-'));
    for (const name of ['Zeta', 'TerritorySupportPicture', 'Alpha', 'MarneOverview'])
      writeFileSync(join(dir, `${name}.graphql`), `query ${name} { __typename }`);
    writeFileSync(join(dir, 'Alpha.variables.json'), '{"id": "ti-4405"}');
    writeFileSync(join(dir, 'notes.txt'), 'not an operation');
    const examples = loadExampleOperations(dir);
    expect(examples.map((e) => e.name)).toEqual([
      'MarneOverview',
      'TerritorySupportPicture',
      'Alpha',
      'Zeta',
    ]);
    expect(examples.find((e) => e.name === 'Alpha')?.variables).toBe('{"id": "ti-4405"}');
    expect(examples.find((e) => e.name === 'Zeta')?.variables).toBeUndefined();
  });

  it('writes the tabs into the page in that order, unable to close its script tag', () => {
    const page = graphiqlPage('/graphql', [
      { name: 'MarneOverview', query: 'query MarneOverview { x }' },
      { name: 'Evil', query: '# </script><script>alert(1)</script>\n{ x }' },
    ]);
    const tabs = /const tabs = (\[.*\]);/.exec(page)?.[1];
    expect(JSON.parse(tabs ?? 'null')).toEqual([
      { query: 'query MarneOverview { x }' },
      { query: '# </script><script>alert(1)</script>\n{ x }' },
    ]);
    expect(page).not.toContain('</script><script>alert');
  });
});
