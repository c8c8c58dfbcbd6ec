// Starts the whole stack in this process (simulators, subgraphs, gateway) and stops it.
// Used by `npm start` (documented ports) and by end-to-end tests (free ports). Once everything
// listens, the mirror's first sync runs in the background (sources never synced), then every
// SYNC_INTERVAL; the graph answers meanwhile. That scheduler is the only one: the subgraphs' own
// start-up syncs are turned off here (SUBGRAPH_SYNC_OFF).
import { randomBytes } from 'node:crypto';
import { listen, type RunningServer } from '../kit/src/listen.js';
import { readGatewayConfig, type GatewayConfig } from '../gateway/src/config.js';
import { createGatewayApp } from '../gateway/src/server.js';
import { applyHeapGrowth, readHeapGrowingPercent } from './heapGrowth.js';
import { SERVICES } from './registry.js';
import { startStackSync, type StackSync } from './sync.js';

type Env = Record<string, string | undefined>;

/**
 * What the stack gives its subgraphs on top of its environment: their own start-up syncs off, as
 * the stack's one scheduler syncs every mirrored source (a subgraph started alone keeps them on).
 */
export const SUBGRAPH_SYNC_OFF: Env = { SYNC_ON_START: 'false', FRANCE_TRAVAIL_BMO_SYNC_ON_START: 'false' };

/** Options of {@link startStack}. */
export interface StackOptions {
  env?: Env;
  /** Give every service a free port instead of its documented one (tests). */
  freePorts?: boolean;
  /** Adjust the gateway config after it is read (tests). */
  gateway?: Partial<GatewayConfig>;
  /** Names of services to leave out. */
  skip?: string[];
  /** Where the mirror scheduler's lines go (default: one JSON line each on stdout). */
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * A fresh gateway secret: 32 random bytes. The subgraphs of a stack listen on ports anyone on the
 * machine can reach; only a caller holding this run's secret — the gateway — gets answers.
 */
export function newGatewaySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The running stack: each service's URL and a stop() that closes them all. */
export interface Stack {
  gatewayUrl: string;
  services: Record<string, RunningServer>;
  /** The environment the services were started from, GATEWAY_SECRET included. */
  env: Env;
  /** The mirror's background sync (`mirrorSync.scheduler.running` is the run in progress). */
  mirrorSync: StackSync;
  stop(): Promise<void>;
}

/**
 * Starts simulators, then subgraphs, then the gateway; on a failure, stops what started. The
 * gateway and every subgraph share GATEWAY_SECRET: the one given, or a new one for this run.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env: Env = { ...(options.env ?? process.env) };
  env.GATEWAY_SECRET ||= newGatewaySecret();
  // Every service shares this process's heap: it is told to collect before it balloons.
  applyHeapGrowth(readHeapGrowingPercent(env));
  const services: Record<string, RunningServer> = {};
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    for (const service of SERVICES) {
      if (options.skip?.includes(service.name)) continue;
      if (service.kind === 'simulator' && service.urlEnv && env[service.urlEnv]) continue;
      if (options.freePorts) env[service.portEnv] = '0';
      const running = await service.start(
        service.kind === 'subgraph' ? { ...env, ...SUBGRAPH_SYNC_OFF } : env,
      );
      services[service.name] = running;
      stops.push(() => running.close());
      if (service.kind === 'simulator' && service.urlEnv) env[service.urlEnv] = running.url;
      if (service.kind === 'subgraph')
        env[`SUBGRAPH_${service.name.toUpperCase().replace(/-/g, '_')}_URL`] = `${running.url}/graphql`;
    }
    if (options.freePorts) env.GATEWAY_PORT = '0';
    const config = { ...readGatewayConfig(env), ...options.gateway };
    const app = await createGatewayApp(config);
    stops.push(() => app.stop());
    const gateway = await listen(app.handle, config.port, config.host);
    stops.push(() => gateway.close());
    services.gateway = gateway;
    const mirrorSync = startStackSync(env, options.log ?? logLine);
    // Stopped first (stops run in reverse): a sync in flight is aborted and keeps the previous copy.
    stops.push(() => mirrorSync.stop());
    return { gatewayUrl: gateway.url, services, env, mirrorSync, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function logLine(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message, ...fields }));
}
