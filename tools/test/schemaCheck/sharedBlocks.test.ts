// The schema check on schemas that share blocks: findings inside an imported block name that
// block's file and line, and a self-contained copy of a shared type warns only when it drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_SCHEMA_DIR } from '../../../kit/src/subgraphSchema.js';
import { runSchemaCheck, type SchemaCheckReport } from '../../schemaCheck/schemaCheck.js';
import { makeFixtureWorld, PARTNER_V1, type FixtureWorld } from './fixtures.js';

let world: FixtureWorld;
beforeAll(() => {
  world = makeFixtureWorld();
});

async function check(sdl: string): Promise<SchemaCheckReport> {
  return runSchemaCheck({
    name: 'partner',
    schemaFile: world.writeCandidate(sdl),
    configPath: world.configPath,
    supergraphPath: world.supergraphPath,
  });
}

/** The `enum Operator { … }` block of kit/schema/operator.graphql, description included. */
function sharedOperatorEnum(): { text: string; line: number } {
  const text = readFileSync(join(SHARED_SCHEMA_DIR, 'operator.graphql'), 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('enum Operator ')) + 1;
  const end = lines.findIndex((l, i) => i >= line && l === '}');
  return { text: lines.slice(line - 2, end + 1).join('\n'), line };
}

describe('schema check: shared blocks', () => {
  it('points a finding inside an imported block at that block, not at the candidate', async () => {
    const block = '\n\n"A label."\ntype Label {\n  "Its text."\n  text: String!\n  lang: String\n}\n';
    writeFileSync(join(world.dir, 'labels.graphql'), block);
    const sdl = `#import "./labels.graphql"\n${PARTNER_V1.replace(
      '  "A short headline."\n',
      '  "A label."\n  label: Label\n  "A short headline."\n',
    )}`;
    const report = await check(sdl);
    const findings = report.findings.filter((f) => f.coordinate === 'Label.lang');
    expect(findings).toMatchObject([
      { severity: 'error', rule: 'description', file: join(world.dir, 'labels.graphql'), line: 7, column: 3 },
    ]);
  });

  it('accepts an unchanged copy of a shared type in a self-contained SDL', async () => {
    const report = await check(`${PARTNER_V1}\n${sharedOperatorEnum().text}\n`);
    expect(report.findings.filter((f) => f.rule === 'shared-block')).toEqual([]);
  });

  it('warns, at the copy and naming the one source, when a copy of a shared type drifted', async () => {
    const shared = sharedOperatorEnum();
    const drifted = shared.text.replace('  "Volontariat Territorial en Entreprise."\n  VTE\n', '');
    expect(drifted).not.toBe(shared.text);
    const sdl = `${PARTNER_V1}\n${drifted}\n`;
    const report = await check(sdl);
    const findings = report.findings.filter((f) => f.rule === 'shared-block');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      coordinate: 'Operator',
      line: sdl.split('\n').findIndex((l) => l.startsWith('enum Operator ')) + 1,
    });
    expect(findings[0]!.file).toMatch(/candidate-\d+\.graphql$/);
    expect(findings[0]!.message).toContain(`kit/schema/operator.graphql:${shared.line}`);
  });
});
