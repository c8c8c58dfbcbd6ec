// The committed supergraph must be what composing schema/supergraph.yaml gives today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeFromConfig, SUPERGRAPH_FILE } from '../composition.js';

describe('composition', () => {
  it('matches the committed supergraph (run `npm run compose` when this fails)', () => {
    const outcome = composeFromConfig();
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8').trim()).toBe(outcome.supergraphSdl.trim());
  });
});
