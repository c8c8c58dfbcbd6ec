// What the gateway knows about one request, handed to every plugin and subgraph call.
import type { CallerIdentity } from '../../kit/src/gatewayIdentity.js';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** The caller as authentication established it (anonymous without credentials). */
  caller: CallerIdentity;
  /** The signed identity headers sent to subgraphs, made on the first subgraph fetch. */
  identityHeaders?: Record<string, string>;
}
