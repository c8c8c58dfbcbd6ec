// The France Travail upstream as the partner APIs serve it: the OAuth2 client-credentials token
// endpoint, the Offres d'emploi v2 search and the Marché du travail indicators (documented only),
// both behind a Bearer token (401 when it is unknown or expired; 403 with an empty body when the
// token lacks the `offresetdemandesemploi` scope, as a client reports), 429 past 10 requests per
// second; and the BMO 2024 open-data file, which data.gouv.fr serves in the real world.
import { randomBytes } from 'node:crypto';
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { answerBmoFile, BMO_FILE_PATH, buildBmoFile } from './bmoFile.js';
import { answerIndicator } from './marcheDuTravail.js';
import { buildOffers } from './records.js';
import { answerSearch } from './search.js';

/** Path of the token endpoint (with `?realm=/partenaire`). */
export const TOKEN_PATH = '/connexion/oauth2/access_token';
/** Path of the offers search. */
export const SEARCH_PATH = '/partenaire/offresdemploi/v2/offres/search';
/** Path prefix of the Marché du travail indicators (`…/indicateur/stat-demandeurs`…). */
export const INDICATOR_PATH = '/partenaire/stats-offres-demandes-emploi/v1/indicateur/';
/** Scope the Marché du travail API requires on top of `api_stats-offres-demandes-emploiv1`. */
export const STATS_SCOPE = 'offresetdemandesemploi';
export { BMO_FILE_PATH };

/** Options of {@link createFranceTravailSimulator}. */
export interface FranceTravailSimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Token lifetime; the real service says 1499 s. */
  tokenTtlSeconds?: number;
  faults?: SimFaults;
  world?: World;
  /** Clock for token expiry (tests move it). */
  now?: () => number;
}

/** The simulator, plus a way to invalidate every token (as a key rotation would). */
export interface FranceTravailSimulator extends Simulator {
  revokeTokens(): void;
}

/** Builds the France Travail simulator. */
export function createFranceTravailSimulator(options: FranceTravailSimulatorOptions): FranceTravailSimulator {
  const world = options.world ?? loadWorld();
  const offers = buildOffers(world);
  const bmoFile = buildBmoFile();
  const ttl = options.tokenTtlSeconds ?? 1499;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { expiresAt: number; scopes: Set<string> }>();

  const tokenOf = (request: SimRequest) => {
    const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
    const token = match ? tokens.get(match[1]!) : undefined;
    return token !== undefined && token.expiresAt > now() ? token : undefined;
  };
  const authorised = (request: SimRequest): boolean => tokenOf(request) !== undefined;
  const unauthorised: SimResponse = {
    status: 401,
    json: { codeHttp: 401, message: "Jeton d'accès invalide ou expiré." },
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  };

  const simulator = createSimulator({
    name: 'france-travail',
    rateLimitPerSecond: 10,
    unmetered: ['access_token', 'bmo-file'],
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      json: { codeHttp: 429, message: 'Nombre de requêtes par seconde dépassé.' },
      headers: { 'retry-after': String(retryAfter) },
    }),
    notFound: () => ({ status: 404, json: { codeHttp: 404, message: 'Ressource introuvable.' } }),
    routes: [
      {
        name: 'access_token',
        method: 'POST',
        path: new RegExp(`^${TOKEN_PATH}$`),
        handle: (request) => {
          if (request.query.get('realm') !== '/partenaire') {
            return oauthError(400, 'invalid_request', 'realm=/partenaire is required');
          }
          const form = new URLSearchParams(request.body);
          if (form.get('grant_type') !== 'client_credentials') {
            return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
          }
          if (
            form.get('client_id') !== options.clientId ||
            form.get('client_secret') !== options.clientSecret
          ) {
            return oauthError(401, 'invalid_client', 'Client authentication failed');
          }
          const token = randomBytes(18).toString('base64url');
          const scope = form.get('scope') ?? 'api_offresdemploiv2 o2dsoffre';
          tokens.set(token, { expiresAt: now() + ttl * 1000, scopes: new Set(scope.split(/\s+/)) });
          return {
            status: 200,
            json: {
              scope,
              expires_in: ttl,
              token_type: 'Bearer',
              access_token: token,
            },
          };
        },
      },
      {
        name: 'offres/search',
        method: 'GET',
        path: new RegExp(`^${SEARCH_PATH}$`),
        handle: (request) => (authorised(request) ? answerSearch(offers, request.query) : unauthorised),
      },
      {
        name: 'indicateur',
        method: 'POST',
        path: new RegExp(`^${INDICATOR_PATH}([a-z-]+)$`),
        handle: (request) => {
          const token = tokenOf(request);
          if (!token) return unauthorised;
          if (!token.scopes.has(STATS_SCOPE)) return { status: 403 };
          return answerIndicator(world, request.params[0]!, request.body);
        },
      },
      {
        name: 'bmo-file',
        method: 'GET',
        path: new RegExp(`^${BMO_FILE_PATH.replace(/\./g, '\\.')}$`),
        handle: (request) => answerBmoFile(bmoFile, request),
      },
    ],
  });
  return { ...simulator, revokeTokens: () => tokens.clear() };
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, json: { error, error_description: description } };
}
