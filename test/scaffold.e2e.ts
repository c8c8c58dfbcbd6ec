// `npm run subgraph:new` in a temporary copy of the repository: a bad or taken name is refused
// before anything is written; a good one gives a subgraph that composes, extends Territory, type-
// checks, is formatted, passes its own tests, and is served by the whole stack out of the box.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../tools/composition.js';
import { planScaffold, ScaffoldRefusal } from '../tools/scaffold/scaffold.js';

const COPIED = [
  'kit',
  'sim',
  'subgraphs',
  'stack',
  'schema',
  'tools',
  'gateway',
  'scripts',
  'test',
  'operations',
];
const COPIED_FILES = [
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'docker-compose.yml',
  'Dockerfile',
  '.dockerignore',
  '.prettierrc.json',
  '.prettierignore',
  'eslint.config.js',
];
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'scaffold-'));
  for (const dir of COPIED) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  for (const file of COPIED_FILES) cpSync(join(REPO_ROOT, file), join(root, file));
  // Read-only and large: shared rather than copied.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(REPO_ROOT, 'data'), join(root, 'data'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs a command in the temporary copy. */
function run(command: string, args: string[], timeout = 240_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: root, timeout, env: { ...process.env, LOG_LEVEL: 'error', NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        // eslint-disable-next-line no-control-regex -- colour codes, whatever the tool's settings
        const output = `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output });
      },
    );
  });
}

const tsx = (script: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args]);
const bin = (name: string, ...args: string[]) =>
  run(process.execPath, [join(REPO_ROOT, 'node_modules', name), ...args]);

/** A fingerprint of every file of the copy (symlinked folders excepted). */
function fingerprint(dir = root): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      if (current === root && (entry === 'node_modules' || entry === 'data')) continue;
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('subgraph:new', () => {
  it('refuses names that are not valid folder names, or that exist, before writing anything', async () => {
    const before = fingerprint();
    for (const name of [
      'Acme_Data',
      'acme data',
      '../escape',
      'acme--data',
      '9acme',
      'acme-',
      '',
      'a'.repeat(41),
    ]) {
      await expect(planScaffold(name, root), name).rejects.toThrow(
        /is not a valid subgraph folder name: use kebab-case/,
      );
    }
    await expect(planScaffold('territories', root)).rejects.toThrow('subgraph "territories" already exists');
    await expect(planScaffold('gateway', root)).rejects.toThrow(ScaffoldRefusal);
    const bad = await tsx('scripts/subgraphNew.ts', 'Bad_Name');
    expect(bad.code).toBe(2);
    expect(bad.output.trim()).toMatch(/^subgraph:new: "Bad_Name" is not a valid subgraph folder name/);
    const taken = await tsx('scripts/subgraphNew.ts', 'vte');
    expect(taken.code).toBe(2);
    expect(taken.output.trim()).toBe(
      'subgraph:new: subgraph "vte" already exists in schema/supergraph.yaml.',
    );
    expect(fingerprint()).toBe(before);
  });

  it('generates a subgraph that composes, extends Territory, type-checks and passes its tests', async () => {
    const created = await tsx('scripts/subgraphNew.ts', 'acme-data', '--label', 'ACME Data');
    expect(created.output).toContain('created subgraph acme-data');
    expect(created.code).toBe(0);

    const supergraph = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
    expect(supergraph).toMatch(
      /acmeData: AcmeDataTerritory @join__field\(graph: ACME_DATA, requires: "communeCodes"\)/,
    );
    expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toContain(
      'file: ../subgraphs/acme-data/schema.graphql\n    draft: true\n',
    );
    expect(readFileSync(join(root, 'subgraphs/acme-data/src/start.ts'), 'utf8')).toContain(
      "label: 'ACME Data'",
    );

    // The placeholder schema is a draft: replacing it (here, dropping a field) breaks no one yet.
    const schema = readFileSync(join(root, 'subgraphs/acme-data/schema.graphql'), 'utf8');
    const next = schema.replace(/\n {2}"Sum of the records' amounts\."\n {2}amount: Euros!/, '');
    expect(next).not.toBe(schema);
    writeFileSync(join(root, 'subgraphs/acme-data/next.graphql'), next);
    const checked = await tsx(
      'scripts/schemaCheck.ts',
      'acme-data',
      '--schema',
      'subgraphs/acme-data/next.graphql',
      '--verbose',
    );
    expect(checked.output).toMatch(/AcmeDataTerritory\.amount was removed/);
    expect(checked.output).toMatch(/acme-data \(subgraphs\/acme-data\/next\.graphql\): publishable/);
    expect(checked.code, checked.output).toBe(0);
    rmSync(join(root, 'subgraphs/acme-data/next.graphql'));

    // Its own tests, and the repo's checks of the composition and of docker-compose.yml.
    const tests = await bin(
      'vitest/vitest.mjs',
      'run',
      'subgraphs/acme-data',
      'tools/test/compose.test.ts',
      'test/dockerCompose.test.ts',
    );
    expect(tests.output).toMatch(/Tests\s+\d+ passed/);
    expect(tests.code, tests.output).toBe(0);

    writeFileSync(
      join(root, 'tsconfig.scaffold.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['subgraphs/acme-data', 'sim/acme-data', 'stack'],
      }),
    );
    const types = await bin('typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.scaffold.json');
    expect(types.output).toBe('');
    expect(types.code).toBe(0);
    const style = await bin(
      'prettier/bin/prettier.cjs',
      '--check',
      'subgraphs/acme-data',
      'sim/acme-data',
      'stack/registry.ts',
      'docker-compose.yml',
    );
    expect(style.code, style.output).toBe(0);

    // A second run with the same name is refused: it exists now.
    expect((await tsx('scripts/subgraphNew.ts', 'acme-data')).code).toBe(2);
  }, 240_000);

  it('is served by the whole stack out of the box (`npm start` runs it)', async () => {
    writeFileSync(
      join(root, 'stack-check.ts'),
      `import { postGraphQL, startTestStack } from './test/helpers/stack.js';
const stack = await startTestStack();
const answer = await postGraphQL(stack.gatewayUrl + '/graphql', '{ territory(id: "ti-4411") { name acmeData { count amount records(first: 2) { totalCount } } } }');
console.log('ANSWER ' + JSON.stringify(answer.body));
await stack.stop();
`,
    );
    const served = await tsx('stack-check.ts');
    const answer = JSON.parse(/ANSWER (.*)/.exec(served.output)?.[1] ?? '{}') as {
      data?: { territory: { name: string; acmeData: { count: number; records: { totalCount: number } } } };
      errors?: unknown[];
    };
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.territory.name).toBe('Pays de Châlons');
    expect(answer.data?.territory.acmeData.count).toBe(answer.data?.territory.acmeData.records.totalCount);
  });
});
