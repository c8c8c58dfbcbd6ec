// Reads a subgraph's schema.graphql together with the shared schema blocks it imports
// (kit/schema/*.graphql), so the types every operator shares are written once. A file imports a
// block with a comment line, `#import "../../kit/schema/operator.graphql"`, path relative to the
// file; a comment keeps the file valid GraphQL for editors and for tools that ignore imports.
// Each file is parsed as its own Source: a node's location names the file it is written in, so
// composition errors and schema-check findings point at the shared block when that is the place.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, Source, type DefinitionNode, type DocumentNode } from 'graphql';

/** The folder of the shared schema blocks. */
export const SHARED_SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** A subgraph schema with the shared blocks it imports. */
export interface SubgraphSchema {
  /** Self-contained SDL: the file's own text, then each imported block's text. */
  sdl: string;
  /** Every definition, each node's `loc.source.name` naming the file it was written in. */
  document: DocumentNode;
  /** Absolute paths of the imported blocks, in the order they were read. */
  imports: string[];
}

/** An `#import` that cannot be followed: names the importing file and line. */
export class SchemaImportError extends Error {
  override name = 'SchemaImportError';
}

const IMPORT_LINE = /^#\s*import\s+"([^"]+)"\s*$/;

/**
 * Reads a schema file and its imports. `label` turns a path into the name shown in locations
 * (e.g. a repo-relative path); by default the path as given.
 */
export function loadSubgraphSchema(file: string, label: (path: string) => string = (p) => p): SubgraphSchema {
  return assembleSubgraphSchema(readFileSync(file, 'utf8'), file, label);
}

/**
 * Assembles schema text that lives (or will live) at `file`: imports resolve from its folder.
 * Throws {@link SchemaImportError} for a missing block and graphql's syntax error for bad SDL.
 */
export function assembleSubgraphSchema(
  text: string,
  file: string,
  label: (path: string) => string = (p) => p,
): SubgraphSchema {
  const imports: string[] = [];
  const texts = [text];
  const definitions: DefinitionNode[] = [...parse(new Source(text, label(file))).definitions];
  const pending = importsOf(text, file);
  while (pending.length > 0) {
    const next = pending.shift()!;
    // A block imported twice (directly and through another block) is read once.
    if (imports.includes(next.path)) continue;
    let blockText: string;
    try {
      blockText = readFileSync(next.path, 'utf8');
    } catch {
      throw new SchemaImportError(
        `${label(next.from)}:${next.line}: cannot read the imported schema block ${label(next.path)}`,
      );
    }
    imports.push(next.path);
    texts.push(blockText);
    definitions.push(...parse(new Source(blockText, label(next.path))).definitions);
    pending.push(...importsOf(blockText, next.path));
  }
  return {
    sdl: texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('\n'),
    document: { kind: Kind.DOCUMENT, definitions },
    imports,
  };
}

/** The `#import` lines of a schema text, resolved from the folder of `file`. */
export function importsOf(text: string, file: string): { path: string; from: string; line: number }[] {
  return text.split('\n').flatMap((line, index) => {
    const match = IMPORT_LINE.exec(line.trim());
    return match ? [{ path: resolve(dirname(file), match[1]!), from: file, line: index + 1 }] : [];
  });
}

/** Rewrites the `#import` paths of a schema text written for `fromFile` so they work from `toFile`. */
export function rebaseImports(text: string, fromFile: string, toFile: string): string {
  return text
    .split('\n')
    .map((line) => {
      const match = IMPORT_LINE.exec(line.trim());
      if (!match) return line;
      const target = relative(dirname(toFile), resolve(dirname(fromFile), match[1]!));
      return `#import "${target.startsWith('.') ? target : `./${target}`}"`;
    })
    .join('\n');
}
