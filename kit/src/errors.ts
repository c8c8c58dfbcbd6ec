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
  // Upstream operators
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_BAD_RESPONSE = 'UPSTREAM_BAD_RESPONSE',
  UPSTREAM_REJECTED = 'UPSTREAM_REJECTED',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  // Server
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
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
