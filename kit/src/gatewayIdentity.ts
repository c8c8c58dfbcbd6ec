// The caller identity the gateway verified, carried to subgraphs in a signed header so that a
// subgraph can trust it without seeing the caller's token: the gateway signs it with the shared
// GATEWAY_SECRET (HMAC-SHA256), the subgraph checks the signature and its age.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Who is calling, as the gateway established it. */
export interface CallerIdentity {
  /** `anonymous` (no credential), `token` (a JWT) or `apiKey`. */
  kind: 'anonymous' | 'token' | 'apiKey';
  /** Token subject or API key name; absent for anonymous callers. */
  subject?: string;
  scopes: string[];
}

/** The identity of a caller without credentials. */
export const ANONYMOUS: CallerIdentity = Object.freeze({ kind: 'anonymous', scopes: [] }) as CallerIdentity;

export const IDENTITY_HEADER = 'x-gateway-identity';
export const SIGNATURE_HEADER = 'x-gateway-signature';

/** A signed identity older than this is refused, so a captured header cannot be replayed for long. */
const MAX_AGE_SECONDS = 300;

interface Payload {
  k: CallerIdentity['kind'];
  s?: string;
  c: string[];
  t: number;
}

/** Encodes an identity for the identity header, with its HMAC when a secret is set. */
export function signIdentity(
  identity: CallerIdentity,
  secret: string | undefined,
  now = Date.now(),
): Record<string, string> {
  const payload: Payload = {
    k: identity.kind,
    s: identity.subject,
    c: identity.scopes,
    t: Math.floor(now / 1000),
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const headers: Record<string, string> = { [IDENTITY_HEADER]: encoded };
  if (secret) headers[SIGNATURE_HEADER] = hmac(secret, encoded);
  return headers;
}

/**
 * Reads the identity the gateway sent. With a secret, a missing or wrong signature, or a stale
 * header, gives `undefined` (refuse the call). Without one — only a subgraph opened for local
 * debugging with ALLOW_UNAUTHENTICATED_SUBGRAPH, or a test fixture — the header is trusted as is.
 * No identity header at all means an anonymous caller.
 */
export function verifyIdentity(
  headers: IncomingHttpHeaders,
  secret: string | undefined,
  now = Date.now(),
): CallerIdentity | undefined {
  const encoded = single(headers[IDENTITY_HEADER]);
  if (!encoded) return ANONYMOUS;
  if (secret) {
    const signature = single(headers[SIGNATURE_HEADER]) ?? '';
    const expected = hmac(secret, encoded);
    if (
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    )
      return undefined;
  }
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Payload;
  } catch {
    return undefined;
  }
  if (!['anonymous', 'token', 'apiKey'].includes(payload.k) || !Array.isArray(payload.c)) return undefined;
  if (secret && Math.abs(Math.floor(now / 1000) - payload.t) > MAX_AGE_SECONDS) return undefined;
  return {
    kind: payload.k,
    subject: typeof payload.s === 'string' ? payload.s : undefined,
    scopes: payload.c.map(String),
  };
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
