// Fields of the programme's value types: action sheets, binômes, project lead, sites, missions.
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { TerritoriesContext } from '../context.js';
import { GENERATED_SOURCE, SITES_SOURCE } from '../sources.js';
import type {
  ActionSheetRecord,
  BinomeRecord,
  CofinancingYear as CofinancingRecord,
  MissionRecord,
  ProjectLeadRecord,
  SiteRecord,
} from '../../../../kit/src/reference/programme.js';

// ANCT publishes no binôme, sheet, lead or mission: all of them are generated.
const generated = { illustrative: () => true, source: () => GENERATED_SOURCE };

export const ActionSheet = {
  budget: (s: ActionSheetRecord) => s.budgetEuros,
  ...generated,
};

export const Binome = {
  elected: (b: BinomeRecord) => ({ name: b.electedName, mandate: b.electedMandate }),
  industrialist: (b: BinomeRecord) => ({
    name: b.industrialistName,
    companyName: b.companyName,
    company: { siren: b.companySiren },
  }),
  contact: (b: BinomeRecord) => ({ email: b.email, phone: b.phone }),
  ...generated,
};

export const ProjectLead = {
  contact: (p: ProjectLeadRecord) => ({ email: p.email, phone: p.phone }),
  ...generated,
};

export const CofinancingYear = {
  state: (c: CofinancingRecord) => c.stateEuros,
  stateCap: (c: CofinancingRecord) => c.stateCapEuros,
  territory: (c: CofinancingRecord) => c.territoryEuros,
  total: (c: CofinancingRecord) => sumEuros([c.stateEuros, c.territoryEuros]),
  territoryShare: (c: CofinancingRecord) => {
    const total = c.stateEuros + c.territoryEuros;
    return total === 0 ? 0 : c.territoryEuros / total;
  },
};

export const Site = {
  commune: (s: SiteRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.geography.communes.get(s.communeCode),
  source: (s: SiteRecord) => (s.illustrative ? GENERATED_SOURCE : SITES_SOURCE),
};

export const EngineeringMission = {
  total: (m: MissionRecord) => m.totalEuros,
  anctCofinancing: (m: MissionRecord) => m.anctCofinancingEuros,
  ...generated,
};

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: ref.siren }),
  binomes: (c: { siren: string }, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.binomesOfCompany(c.siren).map(({ territory, binomeIndex }) => territory.binomes[binomeIndex]),
};
