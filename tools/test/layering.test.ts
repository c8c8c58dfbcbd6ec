// The layout's promises, checked on every file: subgraphs, simulators and the gateway depend on
// kit and never on each other; kit's runtime code depends on nothing above it; and no import
// circle exists anywhere in the tree.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../kit/src/paths.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', 'packages']);
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
        files.push(...sourceFiles(join(dir, entry.name)));
      }
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(join(dir, entry.name));
    }
  }
  return files;
}

/** Repo-relative path of every relative import of one file, `.js` mapped back to `.ts`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = match[1] ?? match[2];
    if (!target) continue;
    const absolute = resolve(dirname(file), target).replace(/\.js$/, '.ts');
    found.push(relative(REPO_ROOT, absolute));
  }
  return found;
}

const graph = new Map(
  sourceFiles(REPO_ROOT).map((file) => [relative(REPO_ROOT, file), importsOf(file)] as const),
);

const isTest = (path: string): boolean => /(^|\/)test\//.test(path) || /\.(test|e2e)\.ts$/.test(path);
const top = (path: string): string => path.split('/')[0] ?? '';
const subgraphOf = (path: string): string | undefined =>
  path.startsWith('subgraphs/') ? path.split('/')[1] : undefined;

/** Runtime edges that break the layering, as "from -> to". */
function forbiddenEdges(): string[] {
  const bad: string[] = [];
  for (const [from, targets] of graph) {
    if (isTest(from)) continue;
    for (const to of targets) {
      const [a, b] = [top(from), top(to)];
      const crossesServices =
        ['gateway', 'sim', 'subgraphs'].includes(a) &&
        ['gateway', 'sim', 'subgraphs', 'stack', 'tools', 'scripts', 'bench'].includes(b) &&
        (a !== b || (a === 'subgraphs' && subgraphOf(from) !== subgraphOf(to)));
      const kitReachesUp = a === 'kit' && b !== 'kit';
      if (crossesServices || kitReachesUp) bad.push(`${from} -> ${to}`);
    }
  }
  return bad;
}

/** Every import circle, each as the list of files around it. */
function circles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).concat(next));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the layout', () => {
  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('gateway/src/server.ts')?.length).toBeGreaterThan(0);
  });

  it('keeps subgraphs, simulators and the gateway apart, all on kit, and kit on nothing above it', () => {
    expect(forbiddenEdges()).toEqual([]);
  });

  it('has no import circle anywhere', () => {
    expect(circles()).toEqual([]);
  });
});
