// Configuration of the gateway: the only module that reads its environment. Command-line
// flags (--supergraph, --port) win over the environment, which wins over the defaults.
import { resolve } from 'node:path';
import { ConfigError, readBool, readInt, readPort, readString } from '../../kit/src/env.js';
import { SUPERGRAPH_FILE } from '../../tools/composition.js';

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
}

type Env = Record<string, string | undefined>;

/** Reads the gateway's settings from flags and environment; throws a ConfigError saying what to fix. */
export function readGatewayConfig(env: Env = process.env, argv: string[] = []): GatewayConfig {
  const flags = parseFlags(argv);
  const port = flags.port !== undefined ? readPort({ PORT: flags.port }, 'PORT', 4000) : readPort(env, 'GATEWAY_PORT', 4000);
  return {
    port,
    host: readString(env, 'HOST', '127.0.0.1'),
    supergraphPath: resolve(flags.supergraph ?? readString(env, 'SUPERGRAPH_PATH', SUPERGRAPH_FILE)),
    subgraphUrls: readSubgraphUrls(env),
    gatewaySecret: env.GATEWAY_SECRET || undefined,
    production: readBool(env, 'PRODUCTION', env.NODE_ENV === 'production'),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1_000_000, 1024),
    subgraphTimeoutMs: readInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1),
  };
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
    if (name !== '--supergraph' && name !== '--port') throw new ConfigError(`unknown option "${arg}" (expected --supergraph FILE, --port N)`);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`${name} needs a value`);
    if (inline === undefined) i++;
    if (name === '--supergraph') flags.supergraph = value;
    else flags.port = value;
  }
  return flags;
}
