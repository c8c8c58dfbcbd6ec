// Finds where a schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) is
// written in an SDL file, so every finding can point at a line.
import { Kind, parse, Source, type ASTNode, type DocumentNode } from 'graphql';

/** A position in a named file. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Maps schema coordinates to where they are defined in one SDL text. */
export class CoordinateIndex {
  private readonly positions = new Map<string, SourcePosition>();

  constructor(
    readonly file: string,
    document: DocumentNode,
  ) {
    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name) continue;
      const typeName = definition.name.value;
      const prefix = definition.kind === Kind.DIRECTIVE_DEFINITION ? '@' : '';
      this.add(`${prefix}${typeName}`, definition);
      if ('fields' in definition) {
        for (const field of definition.fields ?? []) {
          this.add(`${typeName}.${field.name.value}`, field);
          if ('arguments' in field) {
            for (const arg of field.arguments ?? [])
              this.add(`${typeName}.${field.name.value}(${arg.name.value}:)`, arg);
          }
        }
      }
      if ('values' in definition) {
        for (const value of definition.values ?? []) this.add(`${typeName}.${value.name.value}`, value);
      }
      if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
        for (const arg of definition.arguments ?? []) this.add(`@${typeName}(${arg.name.value}:)`, arg);
      }
    }
  }

  /** Parses SDL text into an index; returns undefined when the text does not parse. */
  static fromSdl(file: string, sdl: string): CoordinateIndex | undefined {
    try {
      return new CoordinateIndex(file, parse(new Source(sdl, file)));
    } catch {
      return undefined;
    }
  }

  /** Where a coordinate is written, falling back to its parent (`T.f(a:)` → `T.f` → `T`). */
  find(coordinate: string): SourcePosition | undefined {
    let current: string | undefined = coordinate;
    while (current) {
      const position = this.positions.get(current);
      if (position) return position;
      current = parentCoordinate(current);
    }
    return undefined;
  }

  private add(coordinate: string, node: ASTNode): void {
    // The first definition wins: a type and its `extend type` share a coordinate.
    if (this.positions.has(coordinate) || !node.loc) return;
    // A node parsed from a shared block (kit/schema/) names that file in its location.
    this.positions.set(coordinate, { file: node.loc.source.name || this.file, ...locationOf(node) });
  }
}

/** `T.f(a:)` → `T.f`, `T.f` → `T`, `T` → undefined. */
export function parentCoordinate(coordinate: string): string | undefined {
  if (coordinate.endsWith(':)')) return coordinate.slice(0, coordinate.lastIndexOf('('));
  const dot = coordinate.lastIndexOf('.');
  return dot > 0 ? coordinate.slice(0, dot) : undefined;
}

function locationOf(node: ASTNode): { line: number; column: number } {
  // The first token of a node with a description is the description: point at the name instead.
  const named =
    'name' in node && node.name && typeof node.name === 'object' && 'loc' in node.name ? node.name : node;
  const token = named.loc?.startToken;
  return { line: token?.line ?? 1, column: token?.column ?? 1 };
}
