// Readiness: the gateway is ready when a supergraph is loaded and every subgraph of it answered
// its last health probe (`GET /health` on the subgraph's origin). Probes run when /ready is asked
// and their result stays fresh for READY_PROBE_TTL_MS, so a busy orchestrator does not flood the
// subgraphs; concurrent /ready calls share one round of probes. Subgraphs that read the mirror
// add the freshness of their sources to their /health answer (`mirror: [...]`); /ready lists them
// all under `mirror`, by source. A source not synced yet does not make the gateway unready: the
// graph answers meanwhile, with MIRROR_NOT_SYNCED on the fields that need it.

/** The verdict of /ready. */
export interface Readiness {
  ready: boolean;
  supergraph?: string;
  subgraphs: Record<string, 'up' | 'down'>;
  /** Each mirrored source's freshness, as the subgraph that reads it reported (absent when none). */
  mirror?: Record<string, MirrorSourceState>;
  reason?: string;
}

/** One mirrored source as /ready shows it. */
export interface MirrorSourceState {
  /** The subgraph that reported it. */
  subgraph: string;
  /** never, running, loaded, unchanged, failed, or unavailable (the database cannot be read). */
  status: string;
  lastSyncAt: string | null;
  /** When the serving copy was last confirmed current: the graph's `source.retrievedAt`. */
  lastSuccessAt: string | null;
  recordCount: number;
  rejectedCount: number;
  unlocatedCount: number;
  error: string | null;
}

interface ProbeRound {
  subgraphs: Record<string, 'up' | 'down'>;
  mirror: Record<string, MirrorSourceState>;
}

/** A subgraph to probe: its name and its (possibly overridden) routing URL. */
export interface ProbeTarget {
  name: string;
  url: string;
}

/** Probes subgraph health on demand, remembering the last round for a while. */
export class ReadinessProbe {
  private last?: { at: number; key: string; round: ProbeRound };
  private inflight?: Promise<ProbeRound>;

  constructor(private readonly options: { ttlMs: number; timeoutMs: number }) {}

  /** Checks readiness; `supergraph` is the loaded supergraph's id and subgraphs, if any. */
  async check(supergraph: { id: string; targets: ProbeTarget[] } | undefined): Promise<Readiness> {
    if (!supergraph) return { ready: false, subgraphs: {}, reason: 'no supergraph loaded' };
    const key = `${supergraph.id}|${supergraph.targets.map((t) => t.url).join('|')}`;
    let round: ProbeRound;
    if (this.last && this.last.key === key && Date.now() - this.last.at < this.options.ttlMs)
      round = this.last.round;
    else {
      this.inflight ??= this.probe(supergraph.targets).finally(() => (this.inflight = undefined));
      round = await this.inflight;
      this.last = { at: Date.now(), key, round };
    }
    const { subgraphs, mirror } = round;
    const down = Object.entries(subgraphs)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return {
      ready: down.length === 0,
      supergraph: supergraph.id,
      subgraphs,
      ...(Object.keys(mirror).length > 0 ? { mirror } : {}),
      ...(down.length > 0
        ? { reason: `subgraphs not answering their health probe: ${down.join(', ')}` }
        : {}),
    };
  }

  private async probe(targets: ProbeTarget[]): Promise<ProbeRound> {
    const mirror: Record<string, MirrorSourceState> = {};
    const results = await Promise.all(
      targets.map(async ({ name, url }) => {
        try {
          const response = await fetch(new URL('/health', url), {
            signal: AbortSignal.timeout(this.options.timeoutMs),
          });
          const text = await response.text();
          for (const state of mirrorStatesOf(text, name)) mirror[state.source] = state.value;
          return [name, response.ok ? 'up' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    return { subgraphs: Object.fromEntries(results), mirror };
  }
}

// The `mirror` list of a subgraph's /health body; anything not shaped like it is ignored (a health
// answer is the subgraph's business, and /ready must not fail on it).
function mirrorStatesOf(body: string, subgraph: string): { source: string; value: MirrorSourceState }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const list = (parsed as { mirror?: unknown } | null)?.mirror;
  if (!Array.isArray(list)) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return list
    .filter(
      (e): e is Record<string, unknown> =>
        typeof e === 'object' && e !== null && typeof e.source === 'string',
    )
    .map((e) => ({
      source: e.source as string,
      value: {
        subgraph,
        status: text(e.status) ?? 'unknown',
        lastSyncAt: text(e.lastSyncAt),
        lastSuccessAt: text(e.lastSuccessAt),
        recordCount: count(e.recordCount),
        rejectedCount: count(e.rejectedCount),
        unlocatedCount: count(e.unlocatedCount),
        error: text(e.error),
      },
    }));
}
