// Reads and checks a supergraph file before the gateway trusts it.
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { prepareSupergraph } from '../guards/accessRules.js';

/** Reads a supergraph file; throws one line naming the file and why it cannot be served. */
export function readSupergraph(path: string): string {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new Error(`cannot read supergraph ${path}: ${why}`);
  }
  try {
    // Built without the security features @apollo/gateway refuses (the gateway enforces those).
    Supergraph.build(prepareSupergraph(sdl).gatewaySdl);
  } catch (error) {
    throw new Error(`supergraph ${path} is not a valid Federation 2 supergraph: ${firstLine(error)}`);
  }
  return sdl;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
