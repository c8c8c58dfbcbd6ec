// The last step of the pipeline: Apollo Server runs the operation (parse, validate, plan, execute
// through @apollo/gateway) with the request's context, and its answer becomes an OperationResponse.
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import type { GatewayContext } from '../context.js';
import type { OperationRequest, OperationResponse } from './operationRequest.js';

/** Runs `query` (the persisted query resolved) for `caller` and answers Apollo's status, headers and body. */
export async function executeWithApollo(
  apollo: ApolloServer<GatewayContext>,
  request: OperationRequest,
  query: string,
  caller: CallerIdentity,
): Promise<OperationResponse> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // The pipeline already did what Apollo checks on the method and content type.
  headers.set('content-type', 'application/json');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: 'POST',
      headers,
      search: '',
      body: withoutUndefined({
        query,
        operationName: request.operationName,
        variables: request.variables,
        // The persisted query is resolved: Apollo must not see it.
        extensions: withoutKey(request.extensions ?? {}, 'persistedQuery'),
      }),
    },
    context: async () => ({ requestId: request.requestId, caller }),
  });
  return {
    status: response.status ?? 200,
    headers: Object.fromEntries(response.headers),
    body: response.body.kind === 'complete' ? response.body.string : response.body.asyncIterator,
  };
}

/** A copy of an object without one key. */
function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Apollo refuses a body key that is present but undefined. */
function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
