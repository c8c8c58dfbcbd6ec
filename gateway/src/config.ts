// Configuration of the gateway: the only module that reads its environment. Command-line
// flags (--supergraph, --port) win over the environment, which wins over the defaults.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, readBool, readInt, readPort, readString, readUrl } from '../../kit/src/env.js';
import { MANIFEST_FILE, SUPERGRAPH_FILE } from '../../kit/src/paths.js';

// scripts/buildManifest.ts writes the manifest where the gateway reads it by default.
export { MANIFEST_FILE };

/** Settings of the gateway. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** The Federation 2 supergraph file to serve. */
  supergraphPath: string;
  /** Routing URL overrides by subgraph name (from SUBGRAPH_<NAME>_URL). */
  subgraphUrls: Record<string, string>;
  /** Sent to subgraphs in `x-gateway-secret`; they refuse calls without it. */
  gatewaySecret?: string;
  /** Hide internal error details from callers. */
  production: boolean;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Timeout of one subgraph fetch. */
  subgraphTimeoutMs: number;
  /** Poll this URL for a new supergraph (besides watching the file). */
  supergraphUrl?: string;
  supergraphPollMs: number;
  /** Watch the supergraph file and reload it when it changes. */
  watchSupergraph: boolean;
  auth: AuthConfig;
  limits: LimitsConfig;
  /** Answer introspection queries (`__schema`, `__type`). */
  introspection: boolean;
  /** Automatic persisted queries. */
  apq: boolean;
  apqTtlSeconds: number;
  /** Run only the operations of the persisted-operation manifest. */
  safelist: boolean;
  manifestPath: string;
  /** Redis URL shared by the response cache, APQ and rate limits; memory when unset. */
  cacheUrl?: string;
  responseCache: boolean;
  /** Largest number of responses (and persisted queries) kept in memory. */
  memoryCacheEntries: number;
  /** Megabytes of the most recent cached answers the gateway keeps as objects, in front of its store. */
  responseCacheHotMb: number;
  /** Most megabytes of serialized entries each in-memory store keeps (the response cache's answers can be megabytes each). */
  memoryCacheMb: number;
  rateLimit: { max: number; windowMs: number };
  /** Gzip answers of 1 KB and more for callers that accept it. */
  compression: boolean;
  /** Operations executed at once (cache hits aside), and how many may wait for a slot, how long. */
  execution: { concurrency: number; maxQueue: number; maxWaitMs: number; largeCost: number };
  /** Origins allowed to call from a browser (`*` for any); none by default. */
  corsOrigins: string[];
  /** Take the caller's IP from X-Forwarded-For (behind a trusted proxy). */
  trustProxy: boolean;
  /** How long a health probe of the subgraphs stays fresh for /ready. */
  readyProbeTtlMs: number;
  readyProbeTimeoutMs: number;
  logLevel: LogLevel;
  /** OTLP/HTTP endpoint for traces (`/v1/traces` is appended); tracing off when unset. */
  otlpEndpoint?: string;
  serviceName: string;
}

/** How callers authenticate. */
export interface AuthConfig {
  /** HS256 secret (used unless a JWKS URL or public key file is set). */
  jwtSecret: string;
  /** RS256 keys from a JWKS URL. */
  jwtJwksUrl?: string;
  /** RS256 public key (PEM, SPKI) from a file. */
  jwtPublicKeyFile?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** API keys: key → owner name and scopes. */
  apiKeys: Record<string, { name: string; scopes: string[] }>;
}

/** Limits every operation must stay within before it runs. */
export interface LimitsConfig {
  maxDocumentBytes: number;
  /** Parser token limit: bounds the work spent on a hostile document before anything else. */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  /** Estimated cost: each field costs 1, times the list sizes above it. */
  maxCost: number;
  /** List size assumed for a list field without a `first` argument. */
  defaultListSize: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The development HS256 secret; `npm run token` signs with it. Set JWT_SECRET anywhere else. */
export const DEVELOPMENT_JWT_SECRET = 'territoires-graph-development-secret-do-not-use-in-production';

type Env = Record<string, string | undefined>;

/** Reads the gateway's settings from flags and environment; throws a ConfigError saying what to fix. */
export function readGatewayConfig(env: Env = process.env, argv: string[] = []): GatewayConfig {
  const flags = parseFlags(argv);
  const port =
    flags.port !== undefined
      ? readPort({ PORT: flags.port }, 'PORT', 4000)
      : readPort(env, 'GATEWAY_PORT', 4000);
  const production = readBool(env, 'PRODUCTION', env.NODE_ENV === 'production');
  if (production) requireProductionSecrets(env);
  return {
    port,
    host: readString(env, 'HOST', '127.0.0.1'),
    supergraphPath: resolve(flags.supergraph ?? readString(env, 'SUPERGRAPH_PATH', SUPERGRAPH_FILE)),
    subgraphUrls: readSubgraphUrls(env),
    gatewaySecret: env.GATEWAY_SECRET || undefined,
    production,
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1_000_000, 1024),
    subgraphTimeoutMs: readInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1),
    supergraphUrl: readUrl(env, 'SUPERGRAPH_URL', undefined),
    supergraphPollMs: readInt(env, 'SUPERGRAPH_POLL_MS', 10_000, 100),
    watchSupergraph: readBool(env, 'SUPERGRAPH_WATCH', true),
    auth: {
      jwtSecret: readString(env, 'JWT_SECRET', DEVELOPMENT_JWT_SECRET),
      jwtJwksUrl: readUrl(env, 'JWT_JWKS_URL', undefined),
      jwtPublicKeyFile: env.JWT_PUBLIC_KEY_FILE || undefined,
      jwtIssuer: env.JWT_ISSUER || undefined,
      jwtAudience: env.JWT_AUDIENCE || undefined,
      apiKeys: readApiKeys(env.API_KEYS),
    },
    limits: {
      maxDocumentBytes: readInt(env, 'MAX_DOCUMENT_BYTES', 32_768, 1),
      maxTokens: readInt(env, 'MAX_TOKENS', 5_000, 1),
      maxDepth: readInt(env, 'MAX_DEPTH', 12, 1),
      maxAliases: readInt(env, 'MAX_ALIASES', 30, 0),
      maxRootFields: readInt(env, 'MAX_ROOT_FIELDS', 12, 1),
      maxDirectives: readInt(env, 'MAX_DIRECTIVES', 20, 0),
      maxCost: readInt(env, 'MAX_COST', 50_000, 1),
      defaultListSize: readInt(env, 'DEFAULT_LIST_SIZE', 10, 1),
    },
    introspection: readBool(env, 'INTROSPECTION', true),
    apq: readBool(env, 'APQ', true),
    apqTtlSeconds: readInt(env, 'APQ_TTL_SECONDS', 86_400, 1),
    safelist: readBool(env, 'SAFELIST', false),
    manifestPath: resolve(readString(env, 'PERSISTED_OPERATIONS_MANIFEST', MANIFEST_FILE)),
    cacheUrl: readUrl(env, 'CACHE_URL', undefined),
    responseCache: readBool(env, 'RESPONSE_CACHE', true),
    memoryCacheEntries: readInt(env, 'MEMORY_CACHE_ENTRIES', 10_000, 1),
    memoryCacheMb: readInt(env, 'MEMORY_CACHE_MB', 64, 1),
    responseCacheHotMb: readInt(env, 'RESPONSE_CACHE_HOT_MB', 32, 0),
    rateLimit: {
      max: readInt(env, 'RATE_LIMIT_MAX', 1_000, 0),
      windowMs: readInt(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1),
    },
    compression: readBool(env, 'COMPRESSION', true),
    execution: {
      // Two per core: enough to overlap the subgraphs' I/O, few enough to bound the working sets.
      concurrency: readInt(env, 'MAX_CONCURRENT_OPERATIONS', 2 * availableParallelism(), 1),
      maxQueue: readInt(env, 'OPERATION_QUEUE_MAX', 200, 0),
      maxWaitMs: readInt(env, 'OPERATION_QUEUE_TIMEOUT_MS', 30_000, 1),
      // About ten single-territory pictures (2,243 each); a picture of many territories asked with
      // `first: 200` is estimated at 448,403. Two of those executing together pile up their working sets.
      largeCost: readInt(env, 'LARGE_OPERATION_COST', 20_000, 0),
    },
    corsOrigins: readString(env, 'CORS_ORIGINS', '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    trustProxy: readBool(env, 'TRUST_PROXY', false),
    readyProbeTtlMs: readInt(env, 'READY_PROBE_TTL_MS', 2_000, 0),
    readyProbeTimeoutMs: readInt(env, 'READY_PROBE_TIMEOUT_MS', 2_000, 1),
    // Tests run many gateways: their request logs would bury the test report.
    logLevel: readLogLevel(env, env.NODE_ENV === 'test' ? 'warn' : 'info'),
    otlpEndpoint: readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', undefined),
    serviceName: readString(env, 'OTEL_SERVICE_NAME', 'territoires-gateway'),
  };
}

/**
 * A production gateway must not run on what ships in the repository: caller tokens signed with the
 * development secret would be accepted (anyone could mint any scope), and subgraphs could not
 * tell the gateway's calls from anyone else's.
 */
function requireProductionSecrets(env: Env): void {
  const production = 'in production (PRODUCTION=true or NODE_ENV=production)';
  const secret = env.JWT_SECRET;
  if (!env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY_FILE) {
    if (!secret)
      throw new ConfigError(
        `JWT_SECRET is required ${production}, or JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL: without one the gateway would accept tokens signed with the development secret.`,
      );
    if (secret === DEVELOPMENT_JWT_SECRET)
      throw new ConfigError(`JWT_SECRET is the development secret; set a secret of your own ${production}.`);
  }
  if (!env.GATEWAY_SECRET)
    throw new ConfigError(
      `GATEWAY_SECRET is required ${production}: the gateway sends it with every subgraph call so that subgraphs can refuse calls from anyone else.`,
    );
}

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function readLogLevel(env: Env, fallback: LogLevel): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return fallback;
  if (!LOG_LEVELS.includes(raw as LogLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${raw}".`);
  return raw as LogLevel;
}

/** API_KEYS='{"<key>": {"name": "agence-x", "scopes": ["contacts:read"]}}' */
export function readApiKeys(raw: string | undefined): AuthConfig['apiKeys'] {
  if (!raw) return {};
  const fail = (why: string) =>
    new ConfigError(`API_KEYS must be a JSON object {"<key>": {"name": "...", "scopes": ["..."]}}; ${why}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fail('it is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw fail('got something else');
  const keys: AuthConfig['apiKeys'] = {};
  for (const [key, entry] of Object.entries(parsed)) {
    const { name, scopes } = (entry ?? {}) as { name?: unknown; scopes?: unknown };
    if (key.length < 16) throw fail(`key "${key.slice(0, 4)}…" is shorter than 16 characters`);
    if (typeof name !== 'string' || !name) throw fail(`key "${key.slice(0, 4)}…" has no name`);
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
      throw fail(`"${name}" needs a list of scopes`);
    keys[key] = { name, scopes: scopes as string[] };
  }
  return keys;
}

/** SUBGRAPH_BANQUE_DES_TERRITOIRES_URL=… → { 'banque-des-territoires': … } */
export function readSubgraphUrls(env: Env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match?.[1] && value) urls[match[1].toLowerCase().replace(/_/g, '-')] = value;
  }
  return urls;
}

function parseFlags(argv: string[]): { supergraph?: string; port?: string } {
  const flags: { supergraph?: string; port?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[i + 1];
    if (name !== '--supergraph' && name !== '--port')
      throw new ConfigError(`unknown option "${arg}" (expected --supergraph FILE, --port N)`);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`${name} needs a value`);
    if (inline === undefined) i++;
    if (name === '--supergraph') flags.supergraph = value;
    else flags.port = value;
  }
  return flags;
}
