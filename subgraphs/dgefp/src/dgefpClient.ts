// The only code of this subgraph that talks to the DGEFP API. DGEFP publishes no open dataset of
// its actions by company or commune, so this client speaks a documented shape of our own
// (sim/dgefp/README.md): `GET /api/v1/actions?communes=…|sirens=…&limit=100&offset=…` →
// `{total, results}`, every page, in lists of communes or SIRENs. Each action is checked field by
// field: garbage becomes UPSTREAM_BAD_RESPONSE naming DGEFP.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { INSEE_COMMUNE, SIRET } from '../../../kit/src/reference/companyIds.js';
import { parseResultsPage, readKeyListPages } from '../../../kit/src/upstream/keyListPages.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';

export const ACTIONS_PATH = '/api/v1/actions';
/** Largest page the API serves. */
export const MAX_LIMIT = 100;
/** Keys per call: the most one list may hold (500, about 3 KB of URL). */
export const KEYS_PER_CALL = 500;

/**
 * What `source` says: DGEFP's delegation; no published dataset exists, so the id is ours and no
 * base URL is the real publisher's (every value stays illustrative).
 */
export const DATASET: DatasetDescription = {
  publisher: 'DGEFP (ministère du Travail)',
  dataset: 'actions-competences-territoires (shape documented by this project; no DGEFP open dataset)',
  url: 'https://travail-emploi.gouv.fr/fne-formation',
  realBaseUrl: 'https://api.dgefp.invalid',
};

/** A DGEFP scheme, as the graph spells it. */
export type DgefpScheme = 'FNE_FORMATION' | 'GPEC_TERRITORIALE' | 'ECOLE_DE_PRODUCTION';
const SCHEMES: Record<string, DgefpScheme> = {
  'FNE-Formation': 'FNE_FORMATION',
  'GPEC territoriale': 'GPEC_TERRITORIALE',
  'Ecole de production': 'ECOLE_DE_PRODUCTION',
};

/** One DGEFP action. */
export interface DgefpAction {
  id: string;
  scheme: DgefpScheme;
  title: string;
  siret: string | null;
  siren: string | null;
  companyName: string | null;
  communeCode: string;
  trainedEmployees: number;
  amount: number;
  decidedOn: string;
  source: SourceInfo;
}

/** Actions read for a list of keys, and whether any came from a stale copy. */
export interface ActionsResult {
  actions: DgefpAction[];
  stale: boolean;
  since?: string;
  source: SourceInfo;
}

/** The DGEFP API, as this subgraph uses it. */
export class DgefpClient {
  constructor(
    private readonly upstream: UpstreamClient,
    /** Where the upstream is read from (`source.illustrative` unless it is the real host). */
    readonly baseUrl: string,
  ) {}

  /** Every action located in these communes. */
  actionsInCommunes(communes: readonly string[], requestId?: string): Promise<ActionsResult> {
    return this.readAll('communes', communes, requestId);
  }

  /** Every action for an establishment of these companies. */
  actionsOfCompanies(sirens: readonly string[], requestId?: string): Promise<ActionsResult> {
    return this.readAll('sirens', sirens, requestId);
  }

  private async readAll(filter: 'communes' | 'sirens', keys: readonly string[], requestId?: string) {
    const {
      items: found,
      retrievedAt,
      stale,
      since,
    } = await readKeyListPages(
      keys,
      { perCall: KEYS_PER_CALL, pageSize: MAX_LIMIT },
      async (list, offset) => {
        const page = await this.upstream.request({
          method: 'GET',
          path: ACTIONS_PATH,
          params: { [filter]: list, limit: MAX_LIMIT, offset },
          requestId,
          parse: (body) => parseResultsPage(body, parseAction),
        });
        return page;
      },
    );
    const source = describeSource(DATASET, this.baseUrl, retrievedAt ?? null);
    return { stale, since, source, actions: found.map((a) => ({ ...a, source })) };
  }
}

/** One action of a page, checked field by field. */
export function parseAction(raw: unknown, index: number): Omit<DgefpAction, 'source'> {
  if (typeof raw !== 'object' || raw === null) throw new Error(`results[${index}] is not an object`);
  const r = new FieldReader(raw as Record<string, unknown>, `results[${index}]`);
  const dispositif = r.text('dispositif');
  const scheme = SCHEMES[dispositif];
  if (!scheme)
    throw new Error(
      `results[${index}].dispositif must be one of ${Object.keys(SCHEMES).join(', ')}; got "${dispositif}"`,
    );
  const siret = r.optionalCode('siret', SIRET, 'a 14-digit SIRET');
  const trained = r.integer('salariesFormes');
  if (trained < 0) throw new Error(`results[${index}].salariesFormes must be ≥ 0; got ${trained}`);
  return {
    id: r.text('id'),
    scheme,
    title: r.text('intitule'),
    siret,
    siren: siret ? siret.slice(0, 9) : null,
    companyName: r.optionalText('raisonSociale') ?? null,
    communeCode: r.code('codeCommune', INSEE_COMMUNE, 'an INSEE commune code'),
    trainedEmployees: trained,
    amount: r.amount('montantEngage'),
    decidedOn: r.date('dateDecision'),
  };
}
