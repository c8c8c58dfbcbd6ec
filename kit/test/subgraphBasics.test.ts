// The settings every subgraph reads alike, and above all the rule that a subgraph answers the
// gateway only: no GATEWAY_SECRET, no start, unless a developer opens it on purpose outside production.
import { describe, expect, it } from 'vitest';
import { ConfigError, readSubgraphBasics } from '../src/env.js';

const read = (env: Record<string, string | undefined>) => readSubgraphBasics(env, 'DEMO_PORT', 4999);

describe('readSubgraphBasics', () => {
  it('reads the port, host, secret and production mode', () => {
    expect(read({ GATEWAY_SECRET: 's3cret', DEMO_PORT: '0', NODE_ENV: 'production' })).toEqual({
      port: 0,
      host: '127.0.0.1',
      gatewaySecret: 's3cret',
      production: true,
    });
  });

  it('refuses to go on without GATEWAY_SECRET, naming it and the way to open a subgraph for debugging', () => {
    for (const env of [{}, { GATEWAY_SECRET: '' }, { ALLOW_UNAUTHENTICATED_SUBGRAPH: 'false' }]) {
      expect(() => read(env)).toThrow(ConfigError);
      expect(() => read(env)).toThrow(/^GATEWAY_SECRET is required: .*ALLOW_UNAUTHENTICATED_SUBGRAPH=true/);
    }
  });

  it('opens a subgraph without a secret only when asked to, outside production', () => {
    expect(read({ ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true' })).toMatchObject({
      gatewaySecret: undefined,
      production: false,
    });
    for (const env of [
      { ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true', PRODUCTION: 'true' },
      { ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true', NODE_ENV: 'production' },
    ]) {
      expect(() => read(env)).toThrow(/^GATEWAY_SECRET is required in production/);
    }
  });

  it('keeps requiring the secret it was given even when opened', () => {
    expect(read({ GATEWAY_SECRET: 's3cret', ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true' }).gatewaySecret).toBe(
      's3cret',
    );
  });
});
