// Saying so when an answer contains stale upstream data: resolvers note every stale result in a
// per-request collector, and a plugin copies the notes into the response's `extensions.stale`,
// which the gateway merges across subgraphs.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { UpstreamResult } from './upstreamClient.js';

/** One operator whose data in this response is a stale copy, and when that copy was fetched. */
export interface StaleNotice {
  operator: string;
  since: string;
}

/** Per-request list of stale notices, one per operator (the oldest copy wins). */
export class StaleCollector {
  private readonly notices = new Map<string, string>();

  /** Notes that `operator`'s data was served from a copy fetched at `since` (ISO time). */
  mark(operator: string, since: string): void {
    const known = this.notices.get(operator);
    if (known === undefined || since < known) this.notices.set(operator, since);
  }

  /** Notes the result if it is stale; returns it unchanged so calls can be wrapped inline. */
  track<T>(operator: string, result: UpstreamResult<T>): UpstreamResult<T> {
    if (result.stale) this.mark(operator, result.since ?? new Date(0).toISOString());
    return result;
  }

  /** The notices, sorted by operator so responses are stable. */
  list(): StaleNotice[] {
    return [...this.notices]
      .map(([operator, since]) => ({ operator, since }))
      .sort((a, b) => a.operator.localeCompare(b.operator));
  }
}

/** A context that carries a {@link StaleCollector}. */
export interface StaleAwareContext extends BaseContext {
  stale: StaleCollector;
}

/** Apollo plugin: writes the request's stale notices into `extensions.stale` of the response. */
export function staleExtensionsPlugin<TContext extends StaleAwareContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const notices = contextValue.stale.list();
          if (notices.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale: notices };
        },
      };
    },
  };
}
