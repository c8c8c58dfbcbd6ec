// Who is calling: a JWT (HS256 with a shared secret by default, RS256 with a JWKS URL or a public
// key file by configuration), an API key, or nobody. Bad credentials are refused with a coded 401;
// missing credentials make an anonymous caller, who still reads the open data.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { ErrorCode } from '../../../kit/src/errors.js';
import { ANONYMOUS, type CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import { HttpError } from '../../../kit/src/http.js';
import type { GatewayConfig } from '../config.js';
import { LruMap } from '../../../kit/src/lruMap.js';

export type { CallerIdentity };

/** An API key's owner and rights, from the API_KEYS setting. */
export interface ApiKeyEntry {
  name: string;
  scopes: string[];
}

/** Turns a request's credentials into an identity; throws an HttpError (401) for bad ones. */
export interface Authenticator {
  authenticate(headers: IncomingHttpHeaders): Promise<CallerIdentity>;
}

/** Verified tokens are remembered (until they expire) so a caller's next request skips the crypto. */
const TOKEN_CACHE_SIZE = 10_000;

/** Builds the authenticator the configuration describes. */
export function createAuthenticator(config: GatewayConfig['auth']): Authenticator {
  const keys = new Map<string, ApiKeyEntry>();
  for (const [key, entry] of Object.entries(config.apiKeys)) keys.set(digest(key), entry);
  const verifier = tokenVerifier(config);
  const verified = new LruMap<string, { identity: CallerIdentity; expiresAt: number }>(TOKEN_CACHE_SIZE);

  async function fromToken(token: string): Promise<CallerIdentity> {
    const cached = verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.identity;
    const payload = await verifier(token);
    const identity: CallerIdentity = { kind: 'token', subject: payload.sub, scopes: scopesOf(payload) };
    if (payload.exp !== undefined) verified.set(token, { identity, expiresAt: payload.exp * 1000 });
    return identity;
  }

  return {
    async authenticate(headers) {
      const apiKey = headers['x-api-key'];
      if (typeof apiKey === 'string' && apiKey !== '') {
        // Keys are looked up by digest, so the lookup time says nothing about a key's characters.
        const entry = keys.get(digest(apiKey));
        if (!entry) throw unauthorized(ErrorCode.INVALID_API_KEY, 'The API key is not known.');
        return { kind: 'apiKey', subject: entry.name, scopes: entry.scopes };
      }
      const authorization = headers.authorization;
      if (!authorization) return ANONYMOUS;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1])
        throw unauthorized(ErrorCode.INVALID_TOKEN, 'The Authorization header must be "Bearer <token>".');
      return fromToken(match[1]);
    },
  };
}

type Verifier = (token: string) => Promise<JWTPayload>;

function tokenVerifier(config: GatewayConfig['auth']): Verifier {
  const options = { issuer: config.jwtIssuer, audience: config.jwtAudience };
  let key: Uint8Array | KeyLike | JWTVerifyGetKey | Promise<KeyLike>;
  let algorithms: string[];
  if (config.jwtJwksUrl) {
    key = createRemoteJWKSet(new URL(config.jwtJwksUrl));
    algorithms = ['RS256'];
  } else if (config.jwtPublicKeyFile) {
    key = importSPKI(readFileSync(config.jwtPublicKeyFile, 'utf8'), 'RS256');
    algorithms = ['RS256'];
  } else {
    key = new TextEncoder().encode(config.jwtSecret);
    algorithms = ['HS256'];
  }
  return async (token) => {
    try {
      // The algorithm list is fixed by configuration: `alg: none` and algorithm swaps are refused.
      const resolved = key instanceof Promise ? await key : key;
      const { payload } =
        typeof resolved === 'function'
          ? await jwtVerify(token, resolved, { ...options, algorithms })
          : await jwtVerify(token, resolved, { ...options, algorithms });
      return payload;
    } catch (error) {
      throw tokenError(error);
    }
  };
}

function tokenError(error: unknown): HttpError {
  if (error instanceof joseErrors.JWTExpired)
    return unauthorized(ErrorCode.TOKEN_EXPIRED, 'The token has expired.');
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return unauthorized(
      ErrorCode.INVALID_TOKEN,
      'The token is signed with an algorithm this gateway does not accept.',
    );
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return unauthorized(ErrorCode.INVALID_TOKEN, 'The token signature does not verify.');
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return unauthorized(ErrorCode.INVALID_TOKEN, `The token claim "${error.claim}" is not valid.`);
  if (error instanceof joseErrors.JOSEError)
    return unauthorized(ErrorCode.INVALID_TOKEN, 'The token is not a valid JWT.');
  return unauthorized(ErrorCode.INVALID_TOKEN, 'The token could not be verified.');
}

function unauthorized(code: ErrorCode, message: string): HttpError {
  return new HttpError(401, code, message);
}

/** Scopes from `scope` (space-separated, OAuth 2) or `scopes` (array). */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(payload.scopes)) return payload.scopes.filter((s): s is string => typeof s === 'string');
  return [];
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
