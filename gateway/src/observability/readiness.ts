// Readiness: the gateway is ready when a supergraph is loaded and every subgraph of it answered
// its last health probe (`GET /health` on the subgraph's origin). Probes run when /ready is asked
// and their result stays fresh for READY_PROBE_TTL_MS, so a busy orchestrator does not flood the
// subgraphs; concurrent /ready calls share one round of probes.

/** The verdict of /ready. */
export interface Readiness {
  ready: boolean;
  supergraph?: string;
  subgraphs: Record<string, 'up' | 'down'>;
  reason?: string;
}

/** A subgraph to probe: its name and its (possibly overridden) routing URL. */
export interface ProbeTarget {
  name: string;
  url: string;
}

/** Probes subgraph health on demand, remembering the last round for a while. */
export class ReadinessProbe {
  private last?: { at: number; key: string; subgraphs: Record<string, 'up' | 'down'> };
  private inflight?: Promise<Record<string, 'up' | 'down'>>;

  constructor(private readonly options: { ttlMs: number; timeoutMs: number }) {}

  /** Checks readiness; `supergraph` is the loaded supergraph's id and subgraphs, if any. */
  async check(supergraph: { id: string; targets: ProbeTarget[] } | undefined): Promise<Readiness> {
    if (!supergraph) return { ready: false, subgraphs: {}, reason: 'no supergraph loaded' };
    const key = `${supergraph.id}|${supergraph.targets.map((t) => t.url).join('|')}`;
    let subgraphs: Record<string, 'up' | 'down'>;
    if (this.last && this.last.key === key && Date.now() - this.last.at < this.options.ttlMs)
      subgraphs = this.last.subgraphs;
    else {
      this.inflight ??= this.probe(supergraph.targets).finally(() => (this.inflight = undefined));
      subgraphs = await this.inflight;
      this.last = { at: Date.now(), key, subgraphs };
    }
    const down = Object.entries(subgraphs)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return {
      ready: down.length === 0,
      supergraph: supergraph.id,
      subgraphs,
      ...(down.length > 0
        ? { reason: `subgraphs not answering their health probe: ${down.join(', ')}` }
        : {}),
    };
  }

  private async probe(targets: ProbeTarget[]): Promise<Record<string, 'up' | 'down'>> {
    const results = await Promise.all(
      targets.map(async ({ name, url }) => {
        try {
          const response = await fetch(new URL('/health', url), {
            signal: AbortSignal.timeout(this.options.timeoutMs),
          });
          await response.arrayBuffer();
          return [name, response.ok ? 'up' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    return Object.fromEntries(results);
  }
}
