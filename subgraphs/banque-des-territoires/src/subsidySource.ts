// The Caisse des Dépôts subsidies as a mirrored source: kit's Opendatasoft export reader and SCDL
// parser, plus what this operator adds while parsing: the axis read from the object, and the
// location of beneficiaries that are communes or EPCIs (BANATIC). `npm run sync` and the stack's
// scheduler build it from the same settings the subgraph reads.
import type { PublicBodyLocator } from '../../../kit/src/mirror/publicBodyLocator.js';
import { locatingPublicBodies } from '../../../kit/src/mirror/publicBodyLocator.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import { cdcSubsidySource } from '../../../kit/src/mirror/sources.js';
import { axisOfSubsidy } from './axes.js';
import type { CaisseDesDepotsSourceSettings } from './config.js';

/** The source's name in sync_state, /ready and `npm run sync`. */
export const SUBSIDIES_SOURCE = 'cdc-subsidies';

/** The subsidies source as the mirror syncs it. */
export function caisseDesDepotsSubsidySource(
  settings: CaisseDesDepotsSourceSettings,
  locator: PublicBodyLocator,
): SourceDefinition<'cdc_subsidy'> {
  const base = cdcSubsidySource(settings.baseUrl, settings.subsidiesDataset);
  const withAxis: typeof base.parse = (raw) => {
    const parsed = base.parse(raw);
    return 'ok' in parsed ? { ok: { ...parsed.ok, axis: axisOfSubsidy(parsed.ok.objet ?? null) } } : parsed;
  };
  const apiKey = settings.apiKey;
  return {
    ...base,
    name: SUBSIDIES_SOURCE,
    parse: locatingPublicBodies(withAxis, locator),
    // Opendatasoft takes its API key in the Authorization header.
    read: apiKey
      ? (context) =>
          base.read({
            ...context,
            fetch: (input, init) =>
              context.fetch(input, {
                ...init,
                headers: { ...(init?.headers as Record<string, string>), authorization: `Apikey ${apiKey}` },
              }),
          })
      : base.read,
  };
}
