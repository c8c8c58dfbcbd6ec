// Browser safety: CORS for the configured origins only, and CSRF prevention. A browser can send a
// "simple" cross-site request (no preflight) with a cookie; such a request must not run an
// operation, so every GraphQL request needs a JSON content type or a header a simple request
// cannot carry (Apollo's rule).
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS =
  'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight, x-apollo-operation-name';
const EXPOSED_HEADERS =
  'x-request-id, x-cache, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset';
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Adds CORS headers for an allowed origin; answers preflights. Returns true when the request is done. */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[]): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }
  res.setHeader('vary', 'origin');
  if (req.method !== 'OPTIONS') return false;
  // Preflight: a disallowed origin gets no CORS headers, and the browser stops there.
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204);
  res.end();
  return true;
}

/** True when a request could have been sent by a cross-site form or link without a preflight. */
export function looksLikeCsrf(req: IncomingMessage): boolean {
  if (PREFLIGHT_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  const contentType = req.headers['content-type'];
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return SIMPLE_CONTENT_TYPES.includes(mediaType);
}
