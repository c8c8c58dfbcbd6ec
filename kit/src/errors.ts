// The one list of error codes for the whole repo, and the small helper that builds coded errors.
// Every error a client can see carries one of these in `extensions.code`.
import { GraphQLError } from 'graphql';

/** Error codes shared by the gateway, the subgraphs and the upstream clients. */
export enum ErrorCode {
  // Caller input
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_ID = 'INVALID_ID',
  INVALID_CURSOR = 'INVALID_CURSOR',
  PAGE_SIZE_OUT_OF_RANGE = 'PAGE_SIZE_OUT_OF_RANGE',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  UNKNOWN_DEPARTMENT = 'UNKNOWN_DEPARTMENT',
  INVALID_SIREN = 'INVALID_SIREN',
  INVALID_SIRET = 'INVALID_SIRET',
  UNKNOWN_ROME_CODE = 'UNKNOWN_ROME_CODE',
  // Access
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_TOKEN = 'INVALID_TOKEN',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  INVALID_API_KEY = 'INVALID_API_KEY',
  RATE_LIMITED = 'RATE_LIMITED',
  // GraphQL over HTTP (the gateway refuses these before any execution)
  BAD_REQUEST = 'BAD_REQUEST',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CSRF_BLOCKED = 'CSRF_BLOCKED',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  // Operation limits
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  MAX_DEPTH_EXCEEDED = 'MAX_DEPTH_EXCEEDED',
  MAX_ALIASES_EXCEEDED = 'MAX_ALIASES_EXCEEDED',
  MAX_ROOT_FIELDS_EXCEEDED = 'MAX_ROOT_FIELDS_EXCEEDED',
  MAX_DIRECTIVES_EXCEEDED = 'MAX_DIRECTIVES_EXCEEDED',
  MAX_COST_EXCEEDED = 'MAX_COST_EXCEEDED',
  INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED',
  // Persisted operations
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_HASH_MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH',
  OPERATION_NOT_IN_SAFELIST = 'OPERATION_NOT_IN_SAFELIST',
  // Upstream operators
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_BAD_RESPONSE = 'UPSTREAM_BAD_RESPONSE',
  UPSTREAM_REJECTED = 'UPSTREAM_REJECTED',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  /** An upstream read at query time could not be finished within its budget: the data is partial. */
  PARTIAL_RESULT = 'PARTIAL_RESULT',
  // The local mirror of the open datasets (kit/src/mirror)
  MIRROR_UNAVAILABLE = 'MIRROR_UNAVAILABLE',
  MIRROR_SYNC_FAILED = 'MIRROR_SYNC_FAILED',
  /** A field needs a mirrored source that has never been synced yet (a first sync may be running). */
  MIRROR_NOT_SYNCED = 'MIRROR_NOT_SYNCED',
  // Subgraphs, as the gateway sees them
  SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE',
  // Server
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** Every execution slot is taken and the queue is full or too slow (503 with Retry-After). */
  SERVER_BUSY = 'SERVER_BUSY',
  /** The caller went away while its operation waited for a slot: it was never executed. */
  CLIENT_CLOSED_REQUEST = 'CLIENT_CLOSED_REQUEST',
}

/** Extra fields attached to a coded error's `extensions`. */
export type ErrorDetails = Record<string, unknown>;

/** Builds a GraphQL error whose `extensions.code` is one of {@link ErrorCode}. */
export function codedError(code: ErrorCode, message: string, details: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/**
 * An error thrown by plain code (clients, loaders, validators). It is a GraphQLError, so when a
 * resolver lets it through, its code reaches the caller unchanged.
 */
export class CodedError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'CodedError';
  }
}
