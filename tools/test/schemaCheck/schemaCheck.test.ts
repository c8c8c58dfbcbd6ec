// The schema check on fixture schemas: one test per class of change and per house convention,
// each asserting what is reported, how severe it is and where it points.
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCheck, type SchemaCheckReport } from '../../schemaCheck/schemaCheck.js';
import type { Finding } from '../../schemaCheck/findings.js';
import { editPartner, makeFixtureWorld, PARTNER_V1, type FixtureWorld } from './fixtures.js';

let world: FixtureWorld;
beforeAll(() => {
  world = makeFixtureWorld();
});

async function check(sdl: string, options: { allowBreaking?: boolean } = {}): Promise<SchemaCheckReport> {
  return runSchemaCheck({
    name: 'partner',
    schemaFile: world.writeCandidate(sdl),
    configPath: world.configPath,
    supergraphPath: world.supergraphPath,
    ...options,
  });
}

function only(report: SchemaCheckReport, rule: string): Finding {
  const matching = report.findings.filter((f) => f.rule === rule);
  expect(
    matching.map((f) => f.message),
    `findings with rule ${rule}`,
  ).toHaveLength(1);
  return matching[0]!;
}

/** 1-based line of the first line of `sdl` that contains `text`. */
function lineOf(sdl: string, text: string): number {
  return sdl.split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('schema check: changes against the current supergraph', () => {
  it('passes the published schema unchanged, with no change and only warnings for old debts', async () => {
    const report = await check(PARTNER_V1);
    expect(report.publishable).toBe(true);
    expect(report.changes).toEqual({ breaking: 0, dangerous: 0, safe: 0 });
    const legacy = only(report, 'description');
    expect(legacy).toMatchObject({ severity: 'warning', coordinate: 'Territory.legacyNote' });
  });

  it('reports a removed field as breaking, pointing at the line of the current supergraph', async () => {
    const report = await check(editPartner('  "A short headline."\n  headline: String\n', ''));
    const finding = only(report, 'FIELD_REMOVED');
    expect(finding).toMatchObject({ severity: 'error', kind: 'breaking', coordinate: 'Territory.headline' });
    expect(basename(finding.file ?? '')).toBe('supergraph.graphql');
    expect(finding.line).toBeGreaterThan(0);
    expect(report.publishable).toBe(false);
  });

  it('names a rename as such, and still counts it as breaking', async () => {
    const report = await check(editPartner('headline: String', 'tagline: String'));
    const finding = only(report, 'FIELD_RENAMED');
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('renamed to Territory.tagline');
    expect(report.publishable).toBe(false);
  });

  it('reports a removed type as breaking', async () => {
    const sdl = editPartner(
      '  "One figure per year since 2023."\n  yearly: [YearFigure!]! @listSize(assumedSize: 5)\n',
      '',
      PARTNER_V1.replace(/"Figures of one year."\ntype YearFigure \{[^}]*\}\n/, ''),
    );
    const report = await check(sdl);
    expect(report.findings.filter((f) => f.kind === 'breaking').map((f) => f.coordinate)).toEqual(
      expect.arrayContaining(['YearFigure', 'Territory.yearly']),
    );
  });

  it('reports a non-null field that becomes nullable as breaking, and the reverse as safe', async () => {
    const looser = await check(editPartner('amount: Float!', 'amount: Float'));
    expect(only(looser, 'FIELD_CHANGED_KIND')).toMatchObject({
      severity: 'error',
      coordinate: 'Grant.amount',
    });
    const stricter = await check(editPartner('label: String', 'label: String!'));
    expect(only(stricter, 'FIELD_NOW_NON_NULL')).toMatchObject({
      severity: 'note',
      kind: 'safe',
      coordinate: 'Grant.label',
    });
    expect(stricter.publishable).toBe(true);
  });

  it('classifies argument changes: removed, retyped and new required are breaking; new optional and new default are dangerous', async () => {
    const removed = await check(editPartner('grant(id: ID!, currency: String = "EUR")', 'grant(id: ID!)'));
    expect(only(removed, 'ARG_REMOVED')).toMatchObject({
      severity: 'error',
      coordinate: 'Query.grant(currency:)',
    });
    const retyped = await check(editPartner('grant(id: ID!,', 'grant(id: Int!,'));
    expect(only(retyped, 'ARG_CHANGED_KIND')).toMatchObject({
      severity: 'error',
      coordinate: 'Query.grant(id:)',
    });
    const required = await check(
      editPartner('currency: String = "EUR")', 'currency: String = "EUR", year: Int!)'),
    );
    expect(only(required, 'REQUIRED_ARG_ADDED')).toMatchObject({
      severity: 'error',
      coordinate: 'Query.grant(year:)',
    });
    const optional = await check(
      editPartner('currency: String = "EUR")', 'currency: String = "EUR", year: Int)'),
    );
    expect(only(optional, 'OPTIONAL_ARG_ADDED')).toMatchObject({ severity: 'warning', kind: 'dangerous' });
    expect(optional.publishable).toBe(true);
    const newDefault = await check(editPartner('currency: String = "EUR"', 'currency: String = "USD"'));
    expect(only(newDefault, 'ARG_DEFAULT_VALUE_CHANGE')).toMatchObject({
      severity: 'warning',
      kind: 'dangerous',
    });
  });

  it('reports a removed enum value as breaking and an added one as dangerous', async () => {
    const removed = await check(editPartner('  OPEN\n  CLOSED\n', '  OPEN\n'));
    expect(only(removed, 'VALUE_REMOVED_FROM_ENUM')).toMatchObject({
      severity: 'error',
      coordinate: 'GrantStatus.CLOSED',
    });
    const added = await check(editPartner('  OPEN\n  CLOSED\n', '  OPEN\n  CLOSED\n  CANCELLED\n'));
    const finding = only(added, 'VALUE_ADDED_TO_ENUM');
    expect(finding).toMatchObject({
      severity: 'warning',
      kind: 'dangerous',
      coordinate: 'GrantStatus.CANCELLED',
    });
    expect(added.publishable).toBe(true);
  });

  it('reports additions as safe, pointing at their line in the candidate file', async () => {
    const sdl = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Open calls for projects."\n  openCalls: Int\n',
    );
    const report = await check(sdl);
    const finding = only(report, 'FIELD_ADDED');
    expect(finding).toMatchObject({
      severity: 'note',
      kind: 'safe',
      coordinate: 'Territory.openCalls',
      line: lineOf(sdl, 'openCalls'),
    });
    expect(basename(finding.file ?? '')).toMatch(/^candidate-/);
    expect(report.publishable).toBe(true);
  });

  it('lets breaking changes through as warnings with allowBreaking', async () => {
    const report = await check(editPartner('  "A short headline."\n  headline: String\n', ''), {
      allowBreaking: true,
    });
    expect(only(report, 'FIELD_REMOVED').severity).toBe('warning');
    expect(report.publishable).toBe(true);
  });
});

describe('schema check: composition', () => {
  it('reports a composition error with the candidate line and the other subgraph it clashes with', async () => {
    const sdl = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Clashes with the base."\n  name: Int!\n',
    );
    const report = await check(sdl);
    const clash = report.findings.find((f) => f.kind === 'composition' && f.rule === 'FIELD_TYPE_MISMATCH');
    expect(clash).toBeDefined();
    expect(clash!.severity).toBe('error');
    // The candidate's own line first (the file the partner edits), then the other subgraph's.
    expect(basename(clash!.file ?? '')).toMatch(/^candidate-\d+\.graphql$/);
    expect(clash!.line).toBe(lineOf(sdl, 'name: Int!'));
    expect(clash!.message).toContain('base.graphql:');
    expect(report.publishable).toBe(false);
    expect(report.supergraphSdl).toBeUndefined();
  });
});

describe('schema check: house conventions', () => {
  it('requires a description on every new type and field, as errors at their lines', async () => {
    const sdl = `${PARTNER_V1}\ntype Office {\n  "Its city."\n  city: String!\n  phone: String\n}\n`.replace(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Its office."\n  office: Office\n',
    );
    const report = await check(sdl);
    const missing = report.findings.filter((f) => f.rule === 'description' && f.severity === 'error');
    expect(missing.map((f) => [f.coordinate, f.line])).toEqual([
      ['Office', lineOf(sdl, 'type Office')],
      ['Office.phone', lineOf(sdl, 'phone: String')],
    ]);
    expect(report.publishable).toBe(false);
  });

  it('requires an owner @contact with a name', async () => {
    const withoutContact = editPartner(
      '  @contact(name: "Partner team", url: "https://partner.example")\n',
      '',
    );
    expect(only(await check(withoutContact), 'contact').severity).toBe('error');
    const nameless = editPartner('@contact(name: "Partner team"', '@contact(name: " "');
    expect(only(await check(nameless), 'contact').message).toContain('non-empty');
  });

  it('requires pagination or a declared bound on a new list of objects', async () => {
    const growing = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Every grant."\n  allGrants: [Grant!]!\n',
    );
    const finding = only(await check(growing), 'pagination');
    expect(finding).toMatchObject({
      severity: 'error',
      coordinate: 'Territory.allGrants',
      line: lineOf(growing, 'allGrants'),
    });
    const paginated = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Every grant."\n  allGrants(first: Int = 10): [Grant!]!\n',
    );
    expect((await check(paginated)).findings.filter((f) => f.rule === 'pagination')).toEqual([]);
    const bounded = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Top grants."\n  topGrants: [Grant!]! @listSize(assumedSize: 3)\n',
    );
    expect((await check(bounded)).findings.filter((f) => f.rule === 'pagination')).toEqual([]);
    const scalars = editPartner(
      '  legacyNote: String\n',
      '  legacyNote: String\n  "Labels."\n  labels: [String!]!\n',
    );
    expect((await check(scalars)).findings.filter((f) => f.rule === 'pagination')).toEqual([]);
  });

  it('requires PascalCase types, camelCase fields and arguments, UPPER_CASE enum values', async () => {
    const sdl = editPartner('  OPEN\n  CLOSED\n', '  OPEN\n  CLOSED\n  on_hold\n')
      .replace(
        '  legacyNote: String\n',
        '  legacyNote: String\n  "Bad name."\n  Bad_Field(Some_Arg: Int): String\n  "Odd."\n  odd: odd_type\n',
      )
      .concat('\n"Badly named."\ntype odd_type {\n  "Its value."\n  value: Int\n}\n');
    const report = await check(sdl);
    const naming = report.findings.filter((f) => f.rule === 'naming').map((f) => f.coordinate);
    expect(naming.sort()).toEqual(
      ['GrantStatus.on_hold', 'Territory.Bad_Field', 'Territory.Bad_Field(Some_Arg:)', 'odd_type'].sort(),
    );
    expect(
      report.findings.filter((f) => f.rule === 'naming').every((f) => f.severity === 'error' && f.line),
    ).toBe(true);
  });
});
