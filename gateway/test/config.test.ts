// The gateway's settings: defaults, and one-line refusals of bad values.
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../src/config.js';

describe('readGatewayConfig', () => {
  it('defaults to the development secret, memory stores, introspection on and no CORS origin', () => {
    const config = readGatewayConfig({});
    expect(config).toMatchObject({
      introspection: true,
      apq: true,
      safelist: false,
      cacheUrl: undefined,
      responseCache: true,
      corsOrigins: [],
      rateLimit: { max: 1000, windowMs: 60_000 },
      limits: { maxDepth: 12, maxAliases: 30, maxRootFields: 12, maxDirectives: 20, maxCost: 50_000 },
    });
    expect(config.auth.jwtSecret).toMatch(/development/);
  });

  it('reads API keys, CORS origins and the Redis URL', () => {
    const config = readGatewayConfig({
      API_KEYS: '{"0123456789abcdef": {"name": "agence", "scopes": ["contacts:read"]}}',
      CORS_ORIGINS: 'https://a.example, https://b.example/',
      CACHE_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.auth.apiKeys).toEqual({
      '0123456789abcdef': { name: 'agence', scopes: ['contacts:read'] },
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.cacheUrl).toBe('redis://127.0.0.1:6379');
  });

  it('refuses malformed settings with a message saying what to fix', () => {
    expect(() => readGatewayConfig({ API_KEYS: 'nope' })).toThrow(/API_KEYS must be a JSON object/);
    expect(() => readGatewayConfig({ API_KEYS: '{"short": {"name": "x", "scopes": []}}' })).toThrow(
      /shorter than 16/,
    );
    expect(() => readGatewayConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => readGatewayConfig({ MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH must be an integer/);
    expect(() => readGatewayConfig({ CACHE_URL: 'memcached://x' })).toThrow(/CACHE_URL/);
  });
});
