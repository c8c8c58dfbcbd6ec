// The gateway secret `npm start` makes for each run: long, random, and never the same twice.
import { describe, expect, it } from 'vitest';
import { newGatewaySecret } from '../stack/startStack.js';

describe('the per-run gateway secret', () => {
  it('is 32 random bytes, base64url, different on every run', () => {
    const secrets = Array.from({ length: 20 }, () => newGatewaySecret());
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});
