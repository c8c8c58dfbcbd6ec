// The simulated API Recherche d'entreprises (no port): `GET /search` over the world's companies,
// in the recorded envelope `{results, total_results, page, per_page, total_pages}`.
// A 9-digit query finds that SIREN, a 14-digit one the company of that SIRET (with the
// establishment in `matching_etablissements`), anything else is a name search. Error and 429
// bodies are not recorded anywhere we could read: `{erreur}` is an assumption, said so here.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld } from '../world.js';
import type { RechercheEntreprisesSimulatorConfig } from './config.js';
import { buildRegistryRecords, type RegistryCompany, type RegistryRecords } from './records.js';

/** Requests per second the API allows (see kit/src/registry/companyRegistryClient.ts for the source). */
export const RECHERCHE_ENTREPRISES_SIM_RATE = 7;
/** Largest `per_page` the API accepts. */
export const MAX_PER_PAGE = 25;

/** Builds the simulator (no port). */
export function createRechercheEntreprisesSimulator(config: RechercheEntreprisesSimulatorConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  return createRegistrySimulator(buildRegistryRecords(world, config.geoDir), config.faults);
}

/** The simulator over given records (tests build small registries). */
export function createRegistrySimulator(records: RegistryRecords, faults?: SimFaults): Simulator {
  return createSimulator({
    name: 'recherche-entreprises',
    rateLimitPerSecond: RECHERCHE_ENTREPRISES_SIM_RATE,
    faults,
    routes: [{ name: 'search', method: 'GET', path: /^\/search\/?$/, handle: (r) => search(records, r) }],
    rateLimited: (retryAfterSeconds) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      json: { erreur: 'Trop de requêtes, veuillez réessayer plus tard.' },
    }),
    notFound: () => ({ status: 404, json: { erreur: 'Not Found' } }),
  });
}

function search(records: RegistryRecords, request: SimRequest): SimResponse {
  const q = (request.query.get('q') ?? '').trim();
  const page = positive(request.query.get('page'), 1);
  const perPage = positive(request.query.get('per_page'), 10);
  if (page === null) return refuse('Veuillez indiquer un numéro de page entier supérieur à 0.');
  if (perPage === null || perPage > MAX_PER_PAGE)
    return refuse(`Veuillez indiquer un nombre de résultats par page entier entre 1 et ${MAX_PER_PAGE}.`);
  if (q.length < 3) return refuse('Veuillez indiquer au moins 3 caractères.');
  const found = matches(records, q);
  const total = found.length;
  return {
    status: 200,
    json: {
      results: found.slice((page - 1) * perPage, page * perPage),
      total_results: total,
      page,
      per_page: perPage,
      total_pages: Math.ceil(total / perPage),
    },
  };
}

function matches(records: RegistryRecords, q: string): RegistryCompany[] {
  const compact = q.replace(/\s/g, '');
  if (/^\d{9}$/.test(compact)) {
    const company = records.bySiren.get(compact);
    return company ? [{ ...company, matching_etablissements: [matchingOf(records, company)] }] : [];
  }
  if (/^\d{14}$/.test(compact)) {
    const hit = records.companyOfSiret.get(compact);
    return hit ? [{ ...hit.company, matching_etablissements: [hit.establishment] }] : [];
  }
  const words = q.toUpperCase().split(/\s+/);
  return records.all.filter((c) => words.every((w) => c.nom_complet.includes(w)));
}

// A SIREN query matches the head office, as in the recorded answer.
function matchingOf(records: RegistryRecords, company: RegistryCompany): Record<string, unknown> {
  const siret = (company.siege as { siret: string }).siret;
  return records.companyOfSiret.get(siret)?.establishment ?? {};
}

function positive(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

function refuse(message: string): SimResponse {
  return { status: 400, json: { erreur: message } };
}
