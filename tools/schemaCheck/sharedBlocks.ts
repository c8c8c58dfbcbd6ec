// The shared schema blocks (kit/schema/*.graphql) are the one source of the types every subgraph
// shares. A subgraph of this repo imports them; a partner may publish a self-contained SDL (or a
// running subgraph serves one) that carries its own copy. This check warns when such a copy has
// drifted from its source, so the copies cannot silently disagree.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTypeDefinitionNode, print, type DocumentNode, type TypeDefinitionNode } from 'graphql';
import { loadSubgraphSchema, SHARED_SCHEMA_DIR } from '../../kit/src/subgraphSchema.js';
import { repoPath } from '../composition.js';
import type { Finding } from './findings.js';

/** A shared type as printed without locations, and where it is written. */
interface SharedType {
  printed: string;
  node: TypeDefinitionNode;
}

/**
 * Each type of the shared blocks by name. Directive definitions are left out: a partner's own
 * `@contact` definition changes nothing clients see.
 */
export function sharedTypes(dir = SHARED_SCHEMA_DIR): Map<string, SharedType> {
  const shared = new Map<string, SharedType>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    for (const node of loadSubgraphSchema(join(dir, file), repoPath).document.definitions) {
      if (isTypeDefinitionNode(node) && !shared.has(node.name.value))
        shared.set(node.name.value, { printed: print(node), node });
    }
  }
  return shared;
}

/**
 * Warns for each definition written in `file` (not imported) that a shared block also defines,
 * when the two differ. Identical copies are fine: a self-contained SDL is allowed.
 */
export function checkSharedCopies(document: DocumentNode, file: string, dir = SHARED_SCHEMA_DIR): Finding[] {
  const shared = sharedTypes(dir);
  const findings: Finding[] = [];
  for (const node of document.definitions) {
    if (!isTypeDefinitionNode(node)) continue;
    const name = node.name.value;
    const source = shared.get(name);
    // Only the candidate's own text: nodes read from an imported block are the source itself.
    if (!source || node.loc?.source.name !== file || print(node) === source.printed) continue;
    // Names, not descriptions, mark where a definition is (as in the other findings).
    const token = node.name.loc?.startToken;
    const origin = source.node.name.loc;
    findings.push({
      severity: 'warning',
      kind: 'convention',
      rule: 'shared-block',
      coordinate: name,
      message:
        `${name} differs from its one source, ${origin?.source.name}:${origin?.startToken.line}; ` +
        `import the block (\`#import "…/kit/schema/${origin?.source.name.split('/').pop()}"\`) or copy it unchanged.`,
      file,
      line: token?.line,
      column: token?.column,
    });
  }
  return findings;
}
