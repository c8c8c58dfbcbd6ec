// How the gateway calls a subgraph: the routing URL (or its override), the shared secret and the
// signed caller identity that prove the call comes from the gateway, the request id, the trace
// context, a timeout, and a measure of each fetch for /metrics.
import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';
import { signIdentity } from '../../../kit/src/gatewayIdentity.js';
import type { GatewayContext } from '../context.js';
import { FastRemoteGraphQLDataSource } from './fastDataSource.js';
import { recordSubgraphFetch } from '../observability/metrics.js';
import { noteSubgraphStale } from './staleExtensions.js';
import { injectTraceHeaders } from '../observability/tracing.js';

/** Options shared by every subgraph data source. */
export interface DataSourceOptions {
  gatewaySecret?: string;
  /** Abort a subgraph fetch after this long. */
  timeoutMs?: number;
  /** Keep network details (addresses, system errors) out of error messages. */
  production?: boolean;
}

/** A subgraph data source that forwards identity, request id and trace context, and measures fetches. */
export class SubgraphDataSource extends FastRemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly options: DataSourceOptions,
  ) {
    // The fast base posts over keep-alive node:http and aborts a fetch after timeoutMs.
    super({ url, timeoutMs: options.timeoutMs || undefined });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (this.options.gatewaySecret) headers.set('x-gateway-secret', this.options.gatewaySecret);
    if (!context?.caller) return;
    if (context.requestId) headers.set('x-request-id', context.requestId);
    // Signed once per request, whatever the number of subgraph fetches.
    const identityHeaders: Record<string, string> = (context.identityHeaders ??= signIdentity(
      context.caller,
      this.options.gatewaySecret,
    ));
    for (const [name, value] of Object.entries(identityHeaders)) headers.set(name, value);
    injectTraceHeaders((name, value) => headers.set(name, value));
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const started = performance.now();
    try {
      const response = await super.process(options);
      noteSubgraphStale(options.context, response.extensions);
      const codes = (response.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNCODED'));
      recordSubgraphFetch(this.name, (performance.now() - started) / 1000, codes);
      return response;
    } catch (error) {
      recordSubgraphFetch(this.name, (performance.now() - started) / 1000, ['FETCH_FAILED']);
      if (error instanceof GraphQLError && error.extensions.code) throw error;
      // A failed fetch says which subgraph failed; its address stays out of production answers.
      const reason = error instanceof Error ? error.message : String(error);
      throw new GraphQLError(
        `Subgraph "${this.name}" could not be reached${this.options.production ? '.' : `: ${reason}`}`,
        {
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.name },
        },
      );
    }
  }
}
