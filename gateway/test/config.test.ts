// The gateway's settings: defaults, and one-line refusals of bad values.
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, readGatewayConfig } from '../src/config.js';

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

  describe('in production', () => {
    const secrets = { JWT_SECRET: 'a-production-secret-of-our-own', GATEWAY_SECRET: 'a-gateway-secret' };

    it('starts with a real token secret, key file or JWKS URL, and a gateway secret', () => {
      expect(readGatewayConfig({ PRODUCTION: 'true', ...secrets })).toMatchObject({
        production: true,
        gatewaySecret: 'a-gateway-secret',
        auth: { jwtSecret: 'a-production-secret-of-our-own' },
      });
      const base = { NODE_ENV: 'production', GATEWAY_SECRET: 'a-gateway-secret' };
      expect(
        readGatewayConfig({ ...base, JWT_PUBLIC_KEY_FILE: '/keys/public.pem' }).auth.jwtPublicKeyFile,
      ).toBe('/keys/public.pem');
      expect(readGatewayConfig({ ...base, JWT_JWKS_URL: 'https://idp.example/jwks' }).auth.jwtJwksUrl).toBe(
        'https://idp.example/jwks',
      );
    });

    it('refuses to start on the development token secret, naming JWT_SECRET', () => {
      for (const env of [{ PRODUCTION: 'true' }, { NODE_ENV: 'production' }]) {
        expect(() => readGatewayConfig({ ...env, GATEWAY_SECRET: 'a-gateway-secret' })).toThrow(
          /^JWT_SECRET is required in production .*JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL/,
        );
        expect(() =>
          readGatewayConfig({ ...env, GATEWAY_SECRET: 'g', JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
        ).toThrow(/^JWT_SECRET is the development secret/);
      }
    });

    it('refuses to start without a gateway secret, naming GATEWAY_SECRET', () => {
      expect(() => readGatewayConfig({ PRODUCTION: 'true', JWT_SECRET: secrets.JWT_SECRET })).toThrow(
        /^GATEWAY_SECRET is required in production/,
      );
      expect(() => readGatewayConfig({ NODE_ENV: 'production', JWT_SECRET: secrets.JWT_SECRET })).toThrow(
        /^GATEWAY_SECRET is required in production/,
      );
    });

    it('lets PRODUCTION=false run a NODE_ENV=production process on development settings', () => {
      expect(readGatewayConfig({ NODE_ENV: 'production', PRODUCTION: 'false' }).production).toBe(false);
    });
  });
});
