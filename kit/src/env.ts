// Small readers for service config modules: each service's config.ts is the only code that
// reads process.env, and it uses these to validate and fail fast with a message saying what to fix.

/** A configuration problem, reported as one line at start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads a TCP port (0 allowed = a free port). */
export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535; got "${raw}".`);
  }
  return port;
}

/** Reads a positive integer (milliseconds, sizes, counts). */
export function readInt(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min}; got "${raw}".`);
  }
  return value;
}

/** Reads a boolean written as true/false/1/0/yes/no. */
export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

/** Reads an absolute http(s) URL. */
export function readUrl(env: Env, name: string, fallback: string | undefined): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  try {
    const url = new URL(raw);
    if (!/^(https?|redis|rediss):$/.test(url.protocol)) throw new Error('protocol');
    return raw.replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) or redis URL; got "${raw}".`);
  }
}

/** Reads a string, or its fallback. */
export function readString(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** Runs an entry point's main function, printing one line and exiting non-zero on failure. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name}: ${message}`);
    process.exit(1);
  });
}

/** The settings every subgraph reads alike: where it listens, the gateway's secret, production mode. */
export interface SubgraphBasics {
  port: number;
  host: string;
  /**
   * The secret every call must carry (`x-gateway-secret`); undefined only when
   * ALLOW_UNAUTHENTICATED_SUBGRAPH opened the subgraph for local debugging.
   */
  gatewaySecret?: string;
  production: boolean;
}

/**
 * Reads `<portEnv>`, HOST, GATEWAY_SECRET, ALLOW_UNAUTHENTICATED_SUBGRAPH and PRODUCTION (default:
 * NODE_ENV=production). A subgraph answers the gateway only, so GATEWAY_SECRET is required; outside
 * production, ALLOW_UNAUTHENTICATED_SUBGRAPH=true opens it to any caller, for local debugging.
 */
export function readSubgraphBasics(env: Env, portEnv: string, defaultPort: number): SubgraphBasics {
  const production = readBool(env, 'PRODUCTION', env.NODE_ENV === 'production');
  const gatewaySecret = env.GATEWAY_SECRET || undefined;
  const open = readBool(env, 'ALLOW_UNAUTHENTICATED_SUBGRAPH', false);
  if (!gatewaySecret && (production || !open)) {
    throw new ConfigError(
      production
        ? 'GATEWAY_SECRET is required in production: set it to the secret the gateway sends, so that only the gateway gets answers.'
        : 'GATEWAY_SECRET is required: set it to the secret the gateway sends (`npm start` makes one per run), or set ALLOW_UNAUTHENTICATED_SUBGRAPH=true to open this subgraph to any caller while debugging locally.',
    );
  }
  return {
    port: readPort(env, portEnv, defaultPort),
    host: readString(env, 'HOST', '127.0.0.1'),
    gatewaySecret,
    production,
  };
}
