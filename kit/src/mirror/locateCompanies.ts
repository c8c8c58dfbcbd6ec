// The locate step, run after a source's sync: records that carry a SIREN or SIRET but no commune
// are placed through the company registry (API Recherche d'entreprises), whose answers are kept
// in `company_location` so a company is asked once. France Relance projects are first placed by
// their published postcode and commune name when the two agree (see placeIndex.ts): that is the
// project's own site, while the registry knows only the head office. Records still unlocated are
// counted with a reason, never dropped, and `sync_state.unlocated_count` is brought up to date.
import { sql, type Kysely } from 'kysely';
import { CodedError, ErrorCode } from '../errors.js';
import type { CompanyRegistry, RegistryAnswer } from '../registry/companyRegistryClient.js';
import { guardMirror } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import type { PlaceIndex } from './placeIndex.js';
import type { CompanyLocationTable, SourceTableName } from './schema.js';

/** Tables whose records sit in a commune (BMO rows sit in a department and are never located here). */
const COMMUNE_TABLES = new Set<SourceTableName>([
  'cdc_subsidy',
  'france_relance_project',
  'ademe_aid',
  'fonds_vert_project',
]);

/**
 * Why a record has no commune after the locate step:
 * - `NO_COMPANY_ID`: it carries no SIREN or SIRET to ask the registry about;
 * - `NOT_IN_REGISTRY`: the registry answered and knows no company with that SIREN;
 * - `NO_COMMUNE_IN_REGISTRY`: the registry knows the company but gives its head office no commune (abroad);
 * - `NOT_LOOKED_UP`: the registry was not asked yet (over `maxLookups`) or failed; asked again next run.
 */
export type UnlocatedReason =
  'NO_COMPANY_ID' | 'NOT_IN_REGISTRY' | 'NO_COMMUNE_IN_REGISTRY' | 'NOT_LOOKED_UP';

/** What the step needs to know of a synced source. */
export interface LocatableSource {
  /** The sync_state key (e.g. `france-relance`). */
  name: string;
  table: SourceTableName;
}

/** How to run the locate step. */
export interface LocateOptions {
  registry: CompanyRegistry;
  /** Ids per registry batch (the client paces them under the API's rate; default 50). */
  batchSize?: number;
  /** Most companies asked in one run (default 10,000); the rest wait for the next run. */
  maxLookups?: number;
  /** Places France Relance projects by postcode and name first (built from the geography). */
  places?: PlaceIndex;
  signal?: AbortSignal;
  /** Called after each registry batch. */
  onProgress?: (progress: { asked: number; toAsk: number }) => void;
}

/** Unlocated records of one source after the step. */
export interface SourceLocation {
  source: string;
  table: SourceTableName;
  recordCount: number;
  unlocatedCount: number;
  unlocated: Partial<Record<UnlocatedReason, number>>;
}

/** What the locate step did. */
export interface LocateResult {
  /** Companies asked to the registry in this run, and what it answered. */
  asked: number;
  found: number;
  notFound: number;
  failed: number;
  /** Records placed by postcode and commune name (France Relance). */
  placedByPostcode: number;
  /** Records of these sources still without a commune, in total and per source with reasons. */
  unlocatedCount: number;
  sources: SourceLocation[];
  /** Set when the mirror itself failed: nothing after that point was done. */
  error?: { code: ErrorCode; message: string };
}

/**
 * Places the unlocated records of `sources` (the ones just synced): by postcode and name for
 * France Relance when `places` is given, then by SIREN through `company_location`, asking the
 * registry, in batches, for the SIRENs it does not hold yet. Never throws for registry or
 * mirror faults: they are counted, or reported in `error`.
 */
export async function locateCompanies(
  store: MirrorStore,
  sources: readonly LocatableSource[],
  options: LocateOptions,
): Promise<LocateResult> {
  const located = sources.filter((s) => COMMUNE_TABLES.has(s.table));
  const tables = [...new Set(located.map((s) => s.table))];
  const result: LocateResult = {
    asked: 0,
    found: 0,
    notFound: 0,
    failed: 0,
    placedByPostcode: 0,
    unlocatedCount: 0,
    sources: [],
  };
  try {
    if (options.places && tables.includes('france_relance_project')) {
      result.placedByPostcode = await placeByPostcode(store, options.places);
    }
    const toAsk = await sirensToAsk(store, tables, options.maxLookups ?? 10_000);
    const batchSize = Math.max(1, options.batchSize ?? 50);
    for (let i = 0; i < toAsk.length; i += batchSize) {
      if (options.signal?.aborted) break;
      const answers = await options.registry.lookup(toAsk.slice(i, i + batchSize));
      await storeAnswers(store, answers, result);
      options.onProgress?.({ asked: result.asked, toAsk: toAsk.length });
    }
    for (const table of tables) await fillFromCompanies(store.db as unknown as Kysely<unknown>, table);
    for (const source of located) {
      const location = await unlocatedOf(store, source);
      result.sources.push(location);
      result.unlocatedCount += location.unlocatedCount;
      await store.db
        .updateTable('sync_state')
        .set({ unlocated_count: location.unlocatedCount })
        .where('source', '=', source.name)
        .execute();
    }
  } catch (error) {
    const coded = await guardMirror('locating companies', () => Promise.reject(error)).catch(
      (e: unknown) => e,
    );
    if (coded instanceof CodedError) result.error = { code: coded.code as ErrorCode, message: coded.message };
    else
      result.error = {
        code: ErrorCode.MIRROR_SYNC_FAILED,
        message: coded instanceof Error ? coded.message : String(coded),
      };
  }
  return result;
}

// SIRENs of unlocated records that company_location does not hold yet, in a stable order.
async function sirensToAsk(
  store: MirrorStore,
  tables: readonly SourceTableName[],
  limit: number,
): Promise<string[]> {
  if (tables.length === 0) return [];
  const union = sql.join(
    tables.map(
      (t) => sql`select siren from ${sql.table(t)} where commune_code is null and siren is not null`,
    ),
    sql` union `,
  );
  const { rows } = await sql<{ siren: string }>`
    select u.siren as siren from (${union}) as u
    where not exists (select 1 from company_location c where c.siren = u.siren)
    order by u.siren limit ${limit}`.execute(store.db);
  return rows.map((r) => r.siren);
}

// Found companies keep their head office; unknown ones are kept too (no name, no commune) so the
// registry is not asked about them on every run. Failures are not kept: they are asked again.
async function storeAnswers(
  store: MirrorStore,
  answers: readonly RegistryAnswer[],
  result: LocateResult,
): Promise<void> {
  const rows: CompanyLocationTable[] = [];
  for (const answer of answers) {
    result.asked++;
    if ('found' in answer) {
      result.found++;
      rows.push(answer.found);
    } else if ('notFound' in answer) {
      result.notFound++;
      rows.push(unknownCompany(answer.id.slice(0, 9)));
    } else result.failed++;
  }
  if (rows.length === 0) return;
  await store.db
    .insertInto('company_location')
    .values(rows)
    .onConflict((oc) =>
      oc.column('record_key').doUpdateSet((eb) => ({
        siret_siege: eb.ref('excluded.siret_siege'),
        nom_complet: eb.ref('excluded.nom_complet'),
        commune_code: eb.ref('excluded.commune_code'),
        code_postal: eb.ref('excluded.code_postal'),
        epci_siren: eb.ref('excluded.epci_siren'),
        department_code: eb.ref('excluded.department_code'),
        region_code: eb.ref('excluded.region_code'),
        latitude: eb.ref('excluded.latitude'),
        longitude: eb.ref('excluded.longitude'),
        etat_administratif: eb.ref('excluded.etat_administratif'),
      })),
    )
    .execute();
}

function unknownCompany(siren: string): CompanyLocationTable {
  return {
    record_key: siren,
    siren,
    siret_siege: null,
    nom_complet: null,
    commune_code: null,
    code_postal: null,
    epci_siren: null,
    department_code: null,
    region_code: null,
    latitude: null,
    longitude: null,
    etat_administratif: null,
  };
}

// Records with a SIREN and no commune take their company's head office; the department follows
// the commune, so a located record never says two different places.
async function fillFromCompanies(db: Kysely<unknown>, table: SourceTableName): Promise<void> {
  const t = sql.table(table);
  const from = (column: string) =>
    sql`(select c.${sql.ref(column)} from company_location c where c.siren = ${t}.siren)`;
  await sql`update ${t} set
      commune_code = ${from('commune_code')},
      epci_siren = ${from('epci_siren')},
      department_code = coalesce(${from('department_code')}, ${t}.department_code)
    where ${t}.commune_code is null and ${t}.siren is not null
      and exists (select 1 from company_location c where c.siren = ${t}.siren and c.commune_code is not null)`.execute(
    db,
  );
}

// France Relance: the project's published place wins wherever postcode and name agree on one
// commune; records where they do not keep (or wait for) the registry's head office.
async function placeByPostcode(store: MirrorStore, places: PlaceIndex): Promise<number> {
  const rows = await store.db
    .selectFrom('france_relance_project')
    .select(['record_key', 'code_postal', 'nom_commune', 'department_code', 'commune_code', 'epci_siren'])
    .execute();
  const changes = rows.flatMap((row) => {
    const place = places.placeOf(row.code_postal, row.nom_commune, row.department_code);
    if (!place) return [];
    const same =
      place.communeCode === row.commune_code &&
      place.departmentCode === row.department_code &&
      place.epciSiren === row.epci_siren;
    return same ? [] : [{ key: row.record_key, place }];
  });
  await store.db.transaction().execute(async (trx) => {
    for (const { key, place } of changes) {
      await trx
        .updateTable('france_relance_project')
        .set({
          commune_code: place.communeCode,
          department_code: place.departmentCode,
          epci_siren: place.epciSiren,
        })
        .where('record_key', '=', key)
        .execute();
    }
  });
  const placed = rows.filter((r) => places.placeOf(r.code_postal, r.nom_commune, r.department_code) !== null);
  return placed.length;
}

async function unlocatedOf(store: MirrorStore, source: LocatableSource): Promise<SourceLocation> {
  const t = sql.table(source.table);
  const { rows } = await sql<{ reason: UnlocatedReason; n: number | string }>`
    select case
        when r.siren is null then 'NO_COMPANY_ID'
        when c.siren is null then 'NOT_LOOKED_UP'
        when c.nom_complet is null then 'NOT_IN_REGISTRY'
        else 'NO_COMMUNE_IN_REGISTRY'
      end as reason, count(*) as n
    from ${t} as r left join company_location c on c.siren = r.siren
    where r.commune_code is null
    group by 1`.execute(store.db);
  const total = await sql<{ n: number | string }>`select count(*) as n from ${t}`.execute(store.db);
  const unlocated: Partial<Record<UnlocatedReason, number>> = {};
  for (const row of rows) unlocated[row.reason] = Number(row.n);
  return {
    source: source.name,
    table: source.table,
    recordCount: Number(total.rows[0]?.n ?? 0),
    unlocatedCount: rows.reduce((n, r) => n + Number(r.n), 0),
    unlocated,
  };
}
