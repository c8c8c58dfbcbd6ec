// @apollo/gateway behind the gateway's own supergraph handling: each supergraph (the first one and
// every reload) is checked, its access rules read, and a copy @apollo/gateway accepts is handed
// to it through the `supergraphSdl` function and its `update` callback. A refused supergraph is
// logged and the current one keeps serving. The executor is wrapped to enforce access rules.
import { createHash } from 'node:crypto';
import { ApolloGateway, type ServiceEndpointDefinition } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { AccessControl, type GatewayExecutor, type GatewayRequestContext } from '../guards/accessControl.js';
import { prepareSupergraph, type PreparedSupergraph } from '../guards/accessRules.js';
import type { LimitsConfig } from '../config.js';
import { OperationLimits } from '../pipeline/limits.js';
import type { Logger } from '../observability/logger.js';
import { recordSupergraphReload } from '../observability/metrics.js';
import type { SupergraphSource } from './supergraphSource.js';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type DataSourceFactory = NonNullable<ConstructorParameters<typeof ApolloGateway>[0]>['buildService'];

/** The supergraph being served, with what the gateway derived from it. */
export interface LoadedSupergraph {
  /** Short hash of the supergraph text: response cache keys hold it, so a reload starts afresh. */
  id: string;
  schema: GraphQLSchema;
  access: AccessControl;
  limits: OperationLimits;
  subgraphs: { name: string; url: string }[];
}

/** Options of {@link FederatedGateway}. */
export interface FederatedGatewayOptions {
  initialSdl: string;
  source: SupergraphSource;
  limits: LimitsConfig;
  logger: Logger;
  buildService: DataSourceFactory;
}

/** A GatewayInterface for Apollo Server: @apollo/gateway with access control and hot reload. */
export class FederatedGateway implements GatewayInterface {
  private readonly apollo: ApolloGateway;
  private readonly bySchema = new WeakMap<GraphQLSchema, LoadedSupergraph>();
  private next: { id: string; prepared: PreparedSupergraph };
  private loaded?: LoadedSupergraph;

  constructor(private readonly options: FederatedGatewayOptions) {
    // @apollo/gateway 2.14 sends usage metrics to Apollo's servers from its constructor unless
    // this variable is set. This gateway sends nothing off the machine, so it is always off.
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    // The first supergraph must be valid: a gateway that cannot serve should not start.
    this.next = checkSupergraph(options.initialSdl);
    const { logger } = options;
    this.apollo = new ApolloGateway({
      supergraphSdl: async ({ update }) => {
        options.source.start(options.initialSdl, async (sdl, origin) => this.offer(sdl, origin, update));
        return { supergraphSdl: this.next.prepared.gatewaySdl, cleanup: async () => options.source.stop() };
      },
      buildService: options.buildService,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: unknown) => logger.warn(String(message), { component: '@apollo/gateway' }),
        error: (message: unknown) => logger.error(String(message), { component: '@apollo/gateway' }),
      },
    });
    // Called synchronously by load() and update(): `next` is the supergraph being adopted.
    this.apollo.onSchemaLoadOrUpdate(({ apiSchema }) => {
      const { id, prepared } = this.next;
      const loaded: LoadedSupergraph = {
        id,
        schema: apiSchema,
        access: new AccessControl(prepared.rules, apiSchema),
        limits: new OperationLimits(apiSchema, options.limits),
        subgraphs: prepared.subgraphs,
      };
      this.bySchema.set(apiSchema, loaded);
      this.loaded = loaded;
    });
  }

  /** The supergraph serving new requests (undefined before the first load). */
  get current(): LoadedSupergraph | undefined {
    return this.loaded;
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): ReturnType<GatewayInterface['load']> {
    const { executor } = await this.apollo.load(options);
    const inner = executor as unknown as GatewayExecutor;
    const wrapped: GatewayExecutor = (requestContext: GatewayRequestContext) => {
      // A request runs against the supergraph it was validated on, even if a reload came since.
      const loaded = this.bySchema.get(requestContext.schema) ?? this.loaded;
      return loaded ? loaded.access.execute(requestContext, inner) : inner(requestContext);
    };
    return { executor: wrapped as unknown as typeof executor };
  }

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]): () => void {
    return this.apollo.onSchemaLoadOrUpdate(callback);
  }

  async stop(): Promise<void> {
    await this.apollo.stop();
  }

  private async offer(sdl: string, origin: string, update: (gatewaySdl: string) => void): Promise<void> {
    const { logger } = this.options;
    const previous = this.next;
    try {
      this.next = checkSupergraph(sdl);
      update(this.next.prepared.gatewaySdl);
      recordSupergraphReload('applied');
      logger.info('supergraph reloaded', {
        origin,
        supergraph: this.next.id,
        subgraphs: this.next.prepared.subgraphs.map((s) => s.name),
      });
    } catch (error) {
      this.next = previous;
      recordSupergraphReload('refused');
      logger.error('supergraph refused; the current one keeps serving', {
        origin,
        error: firstLine(error),
        serving: this.loaded?.id,
      });
    }
  }
}

/** Checks a supergraph text and reads its access rules; throws one line saying why it cannot serve. */
export function checkSupergraph(sdl: string): { id: string; prepared: PreparedSupergraph } {
  try {
    const prepared = prepareSupergraph(sdl);
    Supergraph.build(prepared.gatewaySdl);
    return { id: createHash('sha256').update(sdl).digest('hex').slice(0, 16), prepared };
  } catch (error) {
    throw new Error(`not a valid Federation 2 supergraph: ${firstLine(error)}`);
  }
}

/** The data source factory's argument, re-exported for server.ts. */
export type { ServiceEndpointDefinition };

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
