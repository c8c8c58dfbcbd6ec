// `npm start` and the bench's stack child start the stack's process with the same Node flags: the
// script in package.json carries every flag of STACK_NODE_FLAGS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../kit/src/paths.js';
import { STACK_NODE_FLAGS } from '../nodeFlags.js';

describe('the stack process flags', () => {
  it('are passed by the start script', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const words = (manifest.scripts.start ?? '').split(/\s+/);
    for (const flag of STACK_NODE_FLAGS) expect(words).toContain(flag);
  });
});
