// The locate step after a France Relance sync, on both engines, over real HTTP: the economy
// ministry simulator serves `plan-de-relance` (real columns and quirks), the registry simulator
// serves the recorded API Recherche d'entreprises shape. Projects are placed by postcode and name
// when they agree, by the registry's head office otherwise; what stays unlocated is counted with
// its reason, and a second run asks the registry nothing.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/listen.js';
import { locateCompanies } from '../../src/mirror/locateCompanies.js';
import type { MirrorStore } from '../../src/mirror/openMirror.js';
import { loadPlaceIndex, nameKey, placeIndex } from '../../src/mirror/placeIndex.js';
import { readSyncStates } from '../../src/mirror/queries.js';
import { runSync } from '../../src/mirror/runSync.js';
import { franceRelanceSource } from '../../src/mirror/sources.js';
import { REPO_ROOT } from '../../src/paths.js';
import {
  CompanyRegistryClient,
  type CompanyRegistry,
  type RegistryAnswer,
} from '../../src/registry/companyRegistryClient.js';
import { UpstreamClient } from '../../src/upstream/upstreamClient.js';
import { CodedError, ErrorCode } from '../../src/errors.js';
import { createBpifranceSimulator } from '../../../sim/bpifrance/bpifranceSimulator.js';
import { readBpifranceSimulatorConfig } from '../../../sim/bpifrance/config.js';
import { buildPlanDeRelance } from '../../../sim/bpifrance/planDeRelance.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { readRechercheEntreprisesSimulatorConfig } from '../../../sim/recherche-entreprises/config.js';
import { createRechercheEntreprisesSimulator } from '../../../sim/recherche-entreprises/rechercheEntreprisesSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { enginesToTest, testMirror, type TestMirror } from './mirrorEngines.js';

const world = loadWorld();
const dataset = buildPlanDeRelance(world);
const places = loadPlaceIndex(`${REPO_ROOT}data/geo`);
const engines = await enginesToTest();

/** Where each published project must end up: its own commune when the name is right, else the head office. */
function expectedCommune(row: Record<string, unknown>): string {
  const id = String(row.siren);
  const siren = id.slice(0, 9);
  const company = world.companyBySiren.get(siren)!;
  const establishment = id.length === 14 ? world.establishmentBySiret.get(id)! : company.establishments[0]!;
  const nameIsRight = nameKey(String(row.nom_commune)) === nameKey(establishment.commune.name);
  return nameIsRight ? establishment.commune.code : company.establishments[0]!.commune.code;
}

describe.each(engines)('the locate step on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let economie: Simulator;
  let registrySim: Simulator;
  const servers: RunningServer[] = [];
  let registry: CompanyRegistryClient;

  beforeAll(async () => {
    mirror = testMirror(engine, 'locate');
    store = await mirror.open();
    economie = createBpifranceSimulator(readBpifranceSimulatorConfig({}));
    registrySim = createRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig({}));
    servers.push(await listenSimulator(economie, 0), await listenSimulator(registrySim, 0));
    registry = new CompanyRegistryClient(
      new UpstreamClient({
        operator: 'recherche-entreprises',
        baseUrl: servers[1]!.url,
        timeoutMs: 3_000,
        retries: 3,
        cache: new Keyv(),
        ttlMs: 60_000,
        // The test does not need to wait for the real pace; the simulator's limit is lifted instead.
        minIntervalMs: 0,
      }),
    );
    registrySim.setFaults({ rateLimitPerSecond: 0 });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await mirror.cleanup();
  });

  it('syncs the simulated plan-de-relance with no row rejected', async () => {
    const result = await runSync(store, franceRelanceSource(servers[0]!.url));
    expect(dataset.records.length).toBeGreaterThan(100);
    expect(result).toMatchObject({ status: 'loaded', read: dataset.records.length, rejected: 0 });
    // Nothing in the registry yet and no place rule run: every project waits to be located.
    expect(result.unlocatedCount).toBe(dataset.records.length);
    // Some projects are published under a SIRET, some with a commune the postcode contradicts.
    expect(dataset.records.some((r) => String(r.siren).length === 14)).toBe(true);
    expect(
      dataset.records.some(
        (r) => expectedCommune(r) !== world.establishmentBySiret.get(String(r.siren))?.commune.code,
      ),
    ).toBe(true);
  });

  it('places every project: by postcode and name where they agree, by the head office otherwise', async () => {
    const result = await locateCompanies(
      store,
      [{ name: 'france-relance', table: 'france_relance_project' }],
      {
        registry,
        places,
        batchSize: 25,
      },
    );
    expect(result.error).toBeUndefined();
    expect(result.unlocatedCount).toBe(0);
    expect(result.placedByPostcode).toBeGreaterThan(0);
    expect(result.placedByPostcode).toBeLessThan(dataset.records.length);
    // Only the companies the postcode could not place were asked, each once.
    expect(result.asked).toBe(result.found);
    expect(result.asked).toBe(registrySim.stats().calls.search);
    const rows = await store.db
      .selectFrom('france_relance_project')
      .select(['siren_raw', 'commune_code', 'department_code', 'epci_siren'])
      .execute();
    const byId = new Map(dataset.records.map((r) => [String(r.siren), r]));
    for (const row of rows) {
      const published = byId.get(row.siren_raw!)!;
      expect(`${row.siren_raw} → ${row.commune_code}`).toBe(
        `${row.siren_raw} → ${expectedCommune(published)}`,
      );
      expect(row.department_code).toBe(world.communes.get(row.commune_code!)!.departmentCode);
    }
    expect(rows.filter((r) => r.epci_siren !== null).length).toBeGreaterThan(rows.length / 2);
    const [state] = await readSyncStates(store, ['france-relance']);
    expect(state!.unlocated_count).toBe(0);
  });

  it('asks the registry nothing on a second run: company_location answers', async () => {
    const before = registrySim.stats().calls.search ?? 0;
    const result = await locateCompanies(
      store,
      [{ name: 'france-relance', table: 'france_relance_project' }],
      { registry, places },
    );
    expect(result.asked).toBe(0);
    expect(registrySim.stats().calls.search ?? 0).toBe(before);
  });

  it('counts what stays unlocated with its reason, and keeps every record', async () => {
    // Unplace everything, forget the registry's answers, and use a registry that knows no one,
    // fails for one company and gives another no commune.
    await store.db.updateTable('france_relance_project').set({ commune_code: null }).execute();
    await store.db.deleteFrom('company_location').execute();
    const sirens = (
      await store.db.selectFrom('france_relance_project').select('siren').orderBy('siren').execute()
    ).map((r) => r.siren!);
    const [failing, abroad] = sirens;
    const fake: CompanyRegistry = {
      lookup: async (ids) =>
        ids.map((id): RegistryAnswer => {
          if (id === failing) return { id, error: new CodedError(ErrorCode.UPSTREAM_TIMEOUT, 'timed out') };
          if (id === abroad) {
            return {
              id,
              found: {
                record_key: id,
                siren: id,
                siret_siege: null,
                nom_complet: 'ABROAD SA',
                commune_code: null,
                code_postal: null,
                epci_siren: null,
                department_code: null,
                region_code: null,
                latitude: null,
                longitude: null,
                etat_administratif: 'A',
              },
            };
          }
          return { id, notFound: true };
        }),
    };
    const result = await locateCompanies(
      store,
      [{ name: 'france-relance', table: 'france_relance_project' }],
      { registry: fake },
    );
    const count = (siren: string) => sirens.filter((s) => s === siren).length;
    expect(result).toMatchObject({ asked: new Set(sirens).size, failed: 1, found: 1 });
    expect(result.unlocatedCount).toBe(dataset.records.length);
    expect(result.sources[0]).toEqual({
      source: 'france-relance',
      table: 'france_relance_project',
      recordCount: dataset.records.length,
      unlocatedCount: dataset.records.length,
      unlocated: {
        NOT_LOOKED_UP: count(failing!),
        NO_COMMUNE_IN_REGISTRY: count(abroad!),
        NOT_IN_REGISTRY: dataset.records.length - count(failing!) - count(abroad!),
      },
    });
    const [state] = await readSyncStates(store, ['france-relance']);
    expect(state!.unlocated_count).toBe(dataset.records.length);
  });

  it('reports a mirror that went away as a coded error instead of throwing', async () => {
    const other = await mirror.open();
    await other.close();
    const result = await locateCompanies(
      other,
      [{ name: 'france-relance', table: 'france_relance_project' }],
      { registry },
    );
    expect(result.error?.code).toMatch(/^MIRROR_/);
  });
});

describe('placing by postcode and commune name', () => {
  const index = placeIndex([
    { code: '40279', name: 'Saint-Geours-de-Maremne', departmentCode: '40', epciSiren: '244000808' },
    { code: '60500', name: 'Le Plessis-Belleville', departmentCode: '60', epciSiren: null },
    { code: '08105', name: 'Charleville-Mézières', departmentCode: '08', epciSiren: '200041630' },
    { code: '35288', name: 'Saint-Malo', departmentCode: '35', epciSiren: null },
  ]);

  it('finds the commune when the name agrees with the postcode (accents, articles, ST, lost zero)', () => {
    expect(index.placeOf('40100', 'ST GEOURS DE MAREMNE', '40')?.communeCode).toBe('40279');
    expect(index.placeOf('60350', 'PLESSIS-BELLEVILLE', '60')?.communeCode).toBe('60500');
    expect(index.placeOf('08000', 'CHARLEVILLE-MEZIERES', '08')).toEqual({
      communeCode: '08105',
      departmentCode: '08',
      epciSiren: '200041630',
    });
  });

  it('places nothing when they disagree, as in the real rows (40100 SAINT-MALO)', () => {
    expect(index.placeOf('40100', 'SAINT-MALO', '40')).toBeNull();
    expect(index.placeOf(null, 'SAINT-MALO', null)).toBeNull();
    expect(index.placeOf('40100', null, '40')).toBeNull();
  });
});
