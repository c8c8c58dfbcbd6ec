// The API schema of a supergraph: what clients of the gateway see (no join/link machinery, no
// @inaccessible elements). Schema changes are judged on it, not on the raw supergraph.
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** Builds the client-facing schema of a supergraph SDL; throws when it is not a valid supergraph. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  // `null` accepts every linked feature: the supergraph links @requiresScopes/@authenticated
  // (for: SECURITY), which the default feature list refuses although the gateway enforces them.
  const api = Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema();
  // Rebuilt from its SDL so the schema belongs to this module's copy of graphql-js (the
  // federation packages may load the CommonJS copy, and graphql-js refuses mixed realms).
  return buildSchema(printSchema(api));
}
