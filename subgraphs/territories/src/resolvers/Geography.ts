// Fields of the geography types: Region, Department, Epci, Commune.
import { checkPhase } from '../validate.js';
import type { TerritoriesContext } from '../context.js';
import { departmentSeedFigures } from '../programmeFacts.js';
import type { Attachment } from '../programmeStore.js';
import type {
  CommuneRecord,
  DepartmentRecord,
  EpciRecord,
  Phase,
  RegionRecord,
} from '../../../../kit/src/reference/programme.js';

type PhaseArgs = { phase?: number | null };
type AttachmentArgs = PhaseArgs & { attachment?: Attachment | null };
const phaseOf = (args: PhaseArgs): Phase => checkPhase(args.phase) ?? 2;

export const Region = {
  capitalCode: (r: RegionRecord) => r.capitalCommune,
  departments: (r: RegionRecord, _: unknown, ctx: TerritoriesContext) =>
    [...ctx.store.geography.departments.values()].filter((d) => d.regionCode === r.code),
  territories: (r: RegionRecord, args: PhaseArgs, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfRegion(r.code, phaseOf(args)),
  statistics: (r: RegionRecord, args: PhaseArgs, ctx: TerritoriesContext) =>
    ctx.store.statistics(ctx.store.territoriesOfRegion(r.code, phaseOf(args)), phaseOf(args)),
};

export const Department = {
  region: (d: DepartmentRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.geography.regions.get(d.regionCode),
  territories: (d: DepartmentRecord, args: AttachmentArgs, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfDepartment(d.code, phaseOf(args), args.attachment ?? 'ANY_COMMUNE'),
  statistics: (d: DepartmentRecord, args: AttachmentArgs, ctx: TerritoriesContext) =>
    ctx.store.statistics(
      ctx.store.territoriesOfDepartment(d.code, phaseOf(args), args.attachment ?? 'ANY_COMMUNE'),
      phaseOf(args),
      d.code,
    ),
  territoryReach: (d: DepartmentRecord, args: PhaseArgs, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfDepartment(d.code, phaseOf(args)).map((t) => ctx.store.reach(t, d.code)),
  seedFigures: (d: DepartmentRecord, _: unknown, ctx: TerritoriesContext) =>
    departmentSeedFigures(ctx.store, d.code),
};

export const Epci = {
  communes: (e: EpciRecord, _: unknown, ctx: TerritoriesContext) =>
    e.communeCodes.map((code) => ctx.store.geography.communes.get(code)).filter(Boolean),
  territories: (e: EpciRecord, args: PhaseArgs, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfEpci(e.siren, phaseOf(args)),
};

export const Commune = {
  inseeCode: (c: CommuneRecord) => c.code,
  department: (c: CommuneRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.geography.departments.get(c.departmentCode),
  epci: (c: CommuneRecord, _: unknown, ctx: TerritoriesContext) =>
    c.epciSiren ? (ctx.store.geography.epcis.get(c.epciSiren) ?? null) : null,
  territories: (c: CommuneRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfCommune(c.code),
};
