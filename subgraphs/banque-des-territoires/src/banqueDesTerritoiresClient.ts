// The only code of this subgraph that reads its operator's data. The Caisse des Dépôts subsidies
// are synced into the local mirror (stack/sync.ts runs the source defined in subsidySource.ts);
// here they are read from the mirror, one SQL query per batch of territories, and never from the
// portal at query time. Territories come as their communes; their groupements (EPCIs) are derived
// from the real BANATIC composition.
import type { Selectable } from 'kysely';
import { requireSynced } from '../../../kit/src/mirror/freshness.js';
import type { AxisTotal } from '../../../kit/src/mirror/queries.js';
import type { CdcSubsidyTable } from '../../../kit/src/mirror/schema.js';
import type { MirrorHandle } from '../../../kit/src/mirror/sharedMirror.js';
import {
  recordsByTerritory,
  summarizeTerritories,
  type TerritoryScope,
} from '../../../kit/src/mirror/territoryQueries.js';
import type { Geography } from '../../../kit/src/reference/programme.js';
import { SUBSIDIES_SOURCE } from './subsidySource.js';

/** One subsidy as the mirror holds it. */
export type SubsidyRecord = Selectable<CdcSubsidyTable>;

/** One territory's subsidy totals, overall and by axis (cents). */
export interface SubsidyTotals {
  count: number;
  amountCents: number;
  byAxis: AxisTotal[];
}

/** Reads the mirrored Caisse des Dépôts subsidies by territory. */
export class BanqueDesTerritoiresClient {
  constructor(
    private readonly mirror: MirrorHandle,
    private readonly geography: Geography,
  ) {}

  /** The territory's communes and the EPCIs most of whose communes are among them. */
  scopeOf(key: string, communeCodes: readonly string[]): TerritoryScope {
    const communes = new Set(communeCodes);
    const counted = new Map<string, number>();
    for (const code of communes) {
      const epci = this.geography.communes.get(code)?.epciSiren;
      if (epci) counted.set(epci, (counted.get(epci) ?? 0) + 1);
    }
    const epciSirens = [...counted]
      .filter(([siren, inside]) => inside * 2 > (this.geography.epcis.get(siren)?.communeCodes.length ?? 0))
      .map(([siren]) => siren)
      .sort();
    return { key, communes: [...communes].sort(), epciSirens };
  }

  /** When the subsidies were last confirmed current; MIRROR_NOT_SYNCED before the first sync. */
  retrievedAt(): Promise<string> {
    return requireSynced(this.mirror, SUBSIDIES_SOURCE);
  }

  /** Every subsidy of each territory, in the batch's order: ONE query. */
  async subsidiesOf(scopes: readonly TerritoryScope[]): Promise<SubsidyRecord[][]> {
    return recordsByTerritory(await this.mirror.store(), 'cdc_subsidy', scopes);
  }

  /** Totals of each territory, by axis, computed by the database: ONE query. */
  async totalsOf(scopes: readonly TerritoryScope[]): Promise<SubsidyTotals[]> {
    const summaries = await summarizeTerritories(await this.mirror.store(), 'cdc_subsidy', scopes);
    return summaries.map((s) => ({ count: s.count, amountCents: s.amountCents ?? 0, byAxis: s.byAxis }));
  }
}
