// What the gateway knows about one request, handed to every plugin and subgraph call.

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
}
