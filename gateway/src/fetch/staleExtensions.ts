// Forwarding "this is stale" from subgraphs to the caller: a subgraph that served an operator's
// data from a stale cached copy says so in its response's `extensions.stale`; the data source
// notes those notices against the request, and this plugin merges them into the final answer's
// `extensions.stale`, one entry per operator (the oldest copy wins).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** One operator whose data in the answer is a stale copy, and when that copy was fetched. */
export interface StaleNotice {
  operator: string;
  since: string;
}

// Keyed by the request's context object, so nothing outlives the request and the gateway's
// context type needs no new field.
const noticesByRequest = new WeakMap<object, Map<string, string>>();

/** Records the stale notices of one subgraph response (anything malformed is ignored). */
export function noteSubgraphStale(context: object | undefined, extensions: unknown): void {
  if (context === undefined || typeof extensions !== 'object' || extensions === null) return;
  const stale = (extensions as { stale?: unknown }).stale;
  if (!Array.isArray(stale)) return;
  let notices = noticesByRequest.get(context);
  for (const entry of stale) {
    const { operator, since } = (entry ?? {}) as Partial<StaleNotice>;
    if (typeof operator !== 'string' || typeof since !== 'string') continue;
    if (!notices) noticesByRequest.set(context, (notices = new Map()));
    const known = notices.get(operator);
    if (known === undefined || since < known) notices.set(operator, since);
  }
}

/** The notices recorded for a request, sorted by operator. */
export function staleNoticesOf(context: object): StaleNotice[] {
  return [...(noticesByRequest.get(context) ?? [])]
    .map(([operator, since]) => ({ operator, since }))
    .sort((a, b) => a.operator.localeCompare(b.operator));
}

/** Apollo plugin: writes the request's stale notices into `extensions.stale` of the answer. */
export function staleExtensionsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const notices = staleNoticesOf(contextValue);
          if (notices.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale: notices };
        },
      };
    },
  };
}
