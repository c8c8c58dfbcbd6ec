// Two things the first partner tripped on: a freshly scaffolded (draft) subgraph whose placeholder
// schema counted as a published contract, and a removed field silently breaking an operation of
// operations/. Both on the fixture schemas, each in its own temporary composition.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSupergraphConfig } from '../../composition.js';
import { publishSchema } from '../../schemaCheck/publish.js';
import { runSchemaCheck } from '../../schemaCheck/schemaCheck.js';
import { editPartner, makeFixtureWorld, type FixtureWorld } from './fixtures.js';

const WITHOUT_HEADLINE = editPartner('  "A short headline."\n  headline: String\n', '');
/** The same, with the description the published v1 lacks (a draft's content meets every rule). */
const DRAFT_NEXT = editPartner(
  '  legacyNote: String\n',
  '  "A note."\n  legacyNote: String\n',
  WITHOUT_HEADLINE,
);

/** Marks the partner subgraph as a draft in the fixture's composition config. */
function markDraft(world: FixtureWorld): void {
  const text = readFileSync(world.configPath, 'utf8').replace(
    '      file: partner.graphql\n',
    '      file: partner.graphql\n    draft: true\n',
  );
  writeFileSync(world.configPath, text);
}

function check(world: FixtureWorld, sdl: string, operationsDir?: string) {
  return runSchemaCheck({
    name: 'partner',
    schemaFile: world.writeCandidate(sdl),
    configPath: world.configPath,
    supergraphPath: world.supergraphPath,
    operationsDir: operationsDir ?? join(world.dir, 'no-operations'),
  });
}

describe('schema check: a draft subgraph', () => {
  it('reports changes to what only the draft serves as notes, and lets it publish without --allow-breaking', async () => {
    const world = makeFixtureWorld();
    markDraft(world);
    expect(readSupergraphConfig(world.configPath).find((e) => e.name === 'partner')?.draft).toBe(true);
    const report = await check(world, DRAFT_NEXT);
    const removed = report.findings.find((f) => f.rule === 'FIELD_REMOVED');
    expect(removed).toMatchObject({ severity: 'note', coordinate: 'Territory.headline' });
    expect(removed?.message).toContain('draft subgraph, never published');
    expect(report.changes.breaking).toBe(1);
    expect(report.publishable).toBe(true);
  });

  it('holds what the draft serves to every convention, as new content', async () => {
    const world = makeFixtureWorld();
    markDraft(world);
    const report = await check(world, WITHOUT_HEADLINE);
    expect(report.findings.find((f) => f.coordinate === 'Territory.legacyNote')).toMatchObject({
      severity: 'error',
      rule: 'description',
    });
  });

  it('still blocks a breaking change to what another subgraph serves', async () => {
    const world = makeFixtureWorld();
    markDraft(world);
    // The draft redefines Territory.name, owned by base: composition refuses, whatever the draft.
    const report = await check(
      world,
      editPartner('  legacyNote: String\n', '  legacyNote: String\n  name: Int\n'),
    );
    expect(report.publishable).toBe(false);
  });

  it('is a contract once published: the first publish removes the flag, the next removal is breaking', async () => {
    const world = makeFixtureWorld();
    markDraft(world);
    const outcome = await publishSchema({
      name: 'partner',
      schemaFile: world.writeCandidate(DRAFT_NEXT),
      configPath: world.configPath,
      supergraphOut: world.supergraphPath,
      operationsDir: join(world.dir, 'no-operations'),
    });
    expect(outcome.published).toBe(true);
    expect(readSupergraphConfig(world.configPath).find((e) => e.name === 'partner')?.draft).toBe(false);
    const next = await check(world, DRAFT_NEXT.replace('  "A note."\n  legacyNote: String\n', ''));
    expect(next.findings.find((f) => f.rule === 'FIELD_REMOVED')).toMatchObject({
      severity: 'error',
      coordinate: 'Territory.legacyNote',
    });
    expect(next.publishable).toBe(false);
  });
});

describe('schema check: operations that use what a change breaks', () => {
  it('warns at the file and line of each operation that selects a removed field', async () => {
    const world = makeFixtureWorld();
    const operations = join(world.dir, 'operations');
    mkdirSync(operations);
    writeFileSync(
      join(operations, 'TerritoryHeadline.graphql'),
      '# The headline of a territory.\nquery TerritoryHeadline {\n  territory(id: "t-1") {\n    name\n    headline\n  }\n}\n',
    );
    writeFileSync(
      join(operations, 'TerritoryName.graphql'),
      'query TerritoryName {\n  territory(id: "t-1") { name }\n}\n',
    );
    const report = await check(world, WITHOUT_HEADLINE, operations);
    const uses = report.findings.filter((f) => f.rule === 'USED_BY_OPERATION');
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({
      severity: 'warning',
      coordinate: 'Territory.headline',
      line: 5,
      column: 5,
    });
    expect(uses[0]?.file).toMatch(/operations\/TerritoryHeadline\.graphql$/);
    expect(uses[0]?.message).toContain('operation TerritoryHeadline uses Territory.headline');
    // The removal itself is still the blocking error.
    expect(report.publishable).toBe(false);
  });

  it('warns for a removed enum value used as a literal argument', async () => {
    const world = makeFixtureWorld();
    const operations = join(world.dir, 'operations');
    mkdirSync(operations);
    writeFileSync(
      join(operations, 'OpenGrants.graphql'),
      'query OpenGrants {\n  territory(id: "t-1") {\n    grants(status: CLOSED) { totalCount }\n  }\n}\n',
    );
    const report = await check(world, editPartner('  CLOSED\n', ''), operations);
    const use = report.findings.find((f) => f.rule === 'USED_BY_OPERATION');
    expect(use).toMatchObject({ coordinate: 'GrantStatus.CLOSED', line: 3, column: 20 });
  });
});

describe('schema check: cache hints on entity types', () => {
  const HINTED = editPartner(
    '"A territory, with the partner\'s grants."\ntype Territory @key(fields: "id") {',
    '"Cache hint."\ndirective @cacheControl(maxAge: Int) on OBJECT | FIELD_DEFINITION\n\n"A territory, with the partner\'s grants."\ntype Territory @key(fields: "id") {',
  );

  it('refuses an entity type without @cacheControl in a schema that knows the directive', async () => {
    const report = await check(makeFixtureWorld(), HINTED);
    const finding = report.findings.find((f) => f.rule === 'cache-hint');
    expect(finding).toMatchObject({ coordinate: 'Territory', kind: 'convention' });
    expect(finding?.message).toContain('no-store');
  });

  it('accepts it with a hint', async () => {
    const report = await check(
      makeFixtureWorld(),
      HINTED.replace(
        'type Territory @key(fields: "id") {',
        'type Territory @key(fields: "id") @cacheControl(maxAge: 60) {',
      ),
    );
    expect(report.findings.filter((f) => f.rule === 'cache-hint')).toEqual([]);
  });
});
