// How the gateway calls a subgraph: the routing URL (or its override), the shared secret that
// proves the call comes from the gateway, and the caller's request id.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/** Options shared by every subgraph data source. */
export interface DataSourceOptions {
  gatewaySecret?: string;
}

/** A subgraph data source that forwards the request id and the gateway secret. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly options: DataSourceOptions,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (this.options.gatewaySecret) headers.set('x-gateway-secret', this.options.gatewaySecret);
    if (context?.requestId) headers.set('x-request-id', context.requestId);
  }
}
