// Browser code of the reference dashboard (bundled into /dashboard/app.js). It asks the public
// graph, through the named operations of operations/ (sent as they are written there), for one
// territory's support picture (`?id=`) or a whole region's (`?region=`, one request for all its
// territories) and draws it; the errors of any operator that failed are listed with the rest of
// the picture, as a dashboard built on this graph should. Every operator figure whose `source` is
// illustrative carries a visible "illustratif" badge, with the source on hover and in a caption.
import type {
  OperatorFiguresFragment,
  RegionSupportPictureQuery,
  TerritoryDashboardQuery,
  TerritoryDirectoryQuery,
} from '../../../../operations/generated/types.js';
import { AXES, barChart, donutChart, escapeXml, formatEuros, type Bar } from './charts.js';

/** The operations the dashboard runs, by name. */
export type DashboardOperation = 'TerritoryDashboard' | 'TerritoryDirectory' | 'RegionSupportPicture';

/** What the page hands the script (see page.ts). */
export interface DashboardConfig {
  endpoint: string;
  /** Operation documents by operation name, as in operations/*.graphql. */
  operations: Record<DashboardOperation, string>;
  defaultTerritoryId: string;
}

/** A `Source` as the operations ask for it (any subset of its fields). */
interface Provenance {
  publisher?: string;
  dataset?: string;
  url?: string;
  retrievedAt?: string | null;
  illustrative?: boolean;
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string; operator?: string };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

type Territory = NonNullable<TerritoryDashboardQuery['territory']>;

/** The operators, by the Territory field that holds their contribution. */
const OPERATORS: {
  field: string;
  label: string;
  items: string;
  figures: (t: Territory) => OperatorFiguresFragment | undefined;
}[] = [
  {
    field: 'banqueDesTerritoires',
    label: 'Banque des Territoires',
    items: 'financements',
    figures: (t) => t.banqueDesTerritoires?.summary,
  },
  { field: 'bpifrance', label: 'Bpifrance', items: 'aides', figures: (t) => t.bpifrance?.summary },
  { field: 'ademe', label: 'ADEME', items: 'aides', figures: (t) => t.ademe?.summary },
  {
    field: 'franceTravail',
    label: 'France Travail',
    items: 'offres',
    figures: (t) => t.franceTravail?.summary,
  },
  {
    field: 'businessFrance',
    label: 'Business France',
    items: 'projets',
    figures: (t) => t.businessFrance?.summary,
  },
  { field: 'vte', label: 'VTE', items: 'offres', figures: (t) => t.vte?.summary },
  { field: 'dgefp', label: 'DGEFP', items: 'actions', figures: (t) => t.dgefp?.summary },
  { field: 'apec', label: 'APEC', items: 'offres cadres', figures: (t) => t.apec?.summary },
  {
    field: 'actionLogement',
    label: 'Action Logement',
    items: 'aides et conventions',
    figures: (t) => t.actionLogement?.summary,
  },
  { field: 'etat', label: 'État (Fonds Vert)', items: 'projets', figures: (t) => t.etat?.summary },
];

/** Bar colours of the operators in the region view, in OPERATORS order. */
const OPERATOR_COLORS = [
  '#1d4ed8',
  '#f59e0b',
  '#16a34a',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#be185d',
  '#65a30d',
  '#b45309',
  '#475569',
];

/** Amounts an operator does not tie to a phase-2 axis. */
const OUTSIDE_AXES = { label: 'Hors axe', color: '#9ca3af' };

const config = JSON.parse(
  document.getElementById('dashboard-config')?.textContent ?? '{}',
) as DashboardConfig;

/** Runs one named operation against the gateway. */
async function run<T>(
  operationName: DashboardOperation,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: config.operations[operationName], operationName, variables }),
  });
  try {
    return (await response.json()) as GraphQLResponse<T>;
  } catch {
    return { errors: [{ message: `The gateway answered ${response.status} without a GraphQL body.` }] };
  }
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

function territoryId(): string {
  const id = new URLSearchParams(location.search).get('id');
  return id && /^ti-\d{4}$/.test(id) ? id : config.defaultTerritoryId;
}

function regionCode(): string | undefined {
  const code = new URLSearchParams(location.search).get('region');
  return code && /^\d{2}$/.test(code) ? code : undefined;
}

async function main(): Promise<void> {
  const region = regionCode();
  if (region) return mainRegion(region);
  const id = territoryId();
  document.body.dataset.state = 'loading';
  const [picture, directory] = await Promise.all([
    run<TerritoryDashboardQuery>('TerritoryDashboard', { id, offers: 10 }),
    run<TerritoryDirectoryQuery>('TerritoryDirectory', {}),
  ]);
  renderPicker(directory.data?.territories.nodes ?? [], id);
  renderRegionPicker(directory.data?.territories.nodes ?? [], undefined);
  const territory = picture.data?.territory;
  renderErrors(picture.errors ?? [], directory.errors ?? []);
  if (!territory) {
    element('identity').innerHTML =
      `<p class="empty">${picture.errors?.length ? 'Le territoire n’a pas pu être lu.' : `Aucun territoire ${escapeXml(id)}.`}</p>`;
    document.body.dataset.state = 'error';
    return;
  }
  document.title = `${territory.name} — Territoires Graph`;
  renderIdentity(territory);
  renderAxes(territory);
  renderOperators(territory, picture.errors ?? []);
  renderOffers(territory);
  document.body.dataset.state = 'ready';
}

/** The region view: every territory of the region and every operator, from one request. */
async function mainRegion(code: string): Promise<void> {
  document.body.dataset.state = 'loading';
  document.body.dataset.view = 'region';
  const [picture, directory] = await Promise.all([
    run<RegionSupportPictureQuery>('RegionSupportPicture', { code }),
    run<TerritoryDirectoryQuery>('TerritoryDirectory', {}),
  ]);
  renderPicker(directory.data?.territories.nodes ?? [], '');
  renderRegionPicker(directory.data?.territories.nodes ?? [], code);
  renderErrors(picture.errors ?? [], directory.errors ?? []);
  for (const id of ['axes', 'offers']) element(id).hidden = true;
  const region = picture.data?.region;
  if (!region) {
    element('identity').innerHTML =
      `<p class="empty">${picture.errors?.length ? 'La région n’a pas pu être lue.' : `Aucune région ${escapeXml(code)}.`}</p>`;
    document.body.dataset.state = 'error';
    return;
  }
  document.title = `${region.name} — Territoires Graph`;
  renderRegion(region, picture.errors ?? []);
  document.body.dataset.state = 'ready';
}

type RegionTerritory = NonNullable<RegionSupportPictureQuery['region']>['territories'][number];

function renderRegion(
  region: NonNullable<RegionSupportPictureQuery['region']>,
  errors: GraphQLError[],
): void {
  const territories = region.territories;
  const block = (t: RegionTerritory, field: string) =>
    (t as unknown as Record<string, unknown>)[field] as
      { summary?: { count: number; amount: number }; source?: Provenance } | null | undefined;
  const failed = (index: number, field: string) =>
    errors.some((e) => e.path?.[2] === index && e.path?.[3] === field);
  const head = OPERATORS.map(
    (o) => `<th class="num" data-operator="${escapeXml(o.field)}">${escapeXml(o.label)}</th>`,
  ).join('');
  const rows = territories
    .map((t, index) => {
      const cells = OPERATORS.map((o) => {
        const figures = block(t, o.field);
        if (!figures?.summary) {
          const why = failed(index, o.field) ? 'indisponible' : '—';
          return `<td class="num unavailable" data-operator="${escapeXml(o.field)}">${why}</td>`;
        }
        return `<td class="num" data-operator="${escapeXml(o.field)}" data-amount="${figures.summary.amount}">${escapeXml(formatEuros(figures.summary.amount))}<br><small>${figures.summary.count} ${escapeXml(o.items)}</small>${sourceBadge(figures.source)}</td>`;
      }).join('');
      return `<tr data-territory="${escapeXml(t.id)}"><td><a href="?id=${encodeURIComponent(t.id)}">${escapeXml(t.name)}</a>${t.illustrative ? ' <span class="badge">illustratif</span>' : ''}<br><small>${escapeXml(t.id)} · ${escapeXml(t.departmentCodes.join(', '))}</small></td>${cells}</tr>`;
    })
    .join('');
  const bars: Bar[] = territories.map((t) => ({
    label: t.name.length > 24 ? `${t.name.slice(0, 23)}…` : t.name,
    segments: OPERATORS.map((o, i) => ({
      label: o.label,
      value: block(t, o.field)?.summary?.amount ?? 0,
      color: OPERATOR_COLORS[i] ?? '#9ca3af',
    })),
  }));
  const legend = OPERATORS.map(
    (o, i) =>
      `<span class="key"><i style="background:${OPERATOR_COLORS[i]}"></i>${escapeXml(o.label)}</span>`,
  ).join('');
  element('identity').classList.add('wide');
  element('identity').innerHTML = `
    <h2>${escapeXml(region.name)} (${escapeXml(region.code)}) — ${territories.length} territoires d’industrie</h2>
    <p>Soutiens des opérateurs par territoire, en une seule requête. Les montants marqués <span class="badge illustrative">illustratif</span> sont simulés.</p>
    <table class="region"><thead><tr><th>Territoire</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  element('operators').innerHTML = `
    <h2>Montants par territoire et par opérateur</h2>
    ${barChart(bars, { title: 'Montants par territoire, par opérateur', format: formatEuros, width: 900 })}
    <p class="legend">${legend}</p>`;
}

/** The "illustratif" badge of a source, with the source on hover; nothing for real data. */
function sourceBadge(source: Provenance | null | undefined): string {
  if (!source?.illustrative) return '';
  return ` <span class="badge illustrative" title="${escapeXml(describeProvenance(source))}">illustratif</span>`;
}

/** "publisher — dataset, lu le dd/mm/yyyy hh:mm": the caption and hover text of a source. */
function describeProvenance(source: Provenance): string {
  const when = source.retrievedAt ? `lu le ${frenchDateTime(source.retrievedAt)}` : 'jamais lu';
  return `Source : ${source.publisher ?? '?'} — ${source.dataset ?? '?'}, ${when}${source.illustrative ? ' (valeurs illustratives, simulées)' : ''}`;
}

function renderRegionPicker(
  territories: TerritoryDirectoryQuery['territories']['nodes'],
  current: string | undefined,
): void {
  const regions = new Map<string, string>();
  for (const t of territories) regions.set(t.region.code, t.region.name);
  const picker = element('region-picker') as HTMLSelectElement;
  picker.innerHTML = `<option value="">—</option>${[...regions]
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'))
    .map(
      ([code, name]) =>
        `<option value="${escapeXml(code)}"${code === current ? ' selected' : ''}>${escapeXml(name)}</option>`,
    )
    .join('')}`;
  picker.onchange = () => {
    if (picker.value) location.search = `?region=${encodeURIComponent(picker.value)}`;
  };
}

function renderPicker(territories: TerritoryDirectoryQuery['territories']['nodes'], current: string): void {
  const regions = new Map<string, typeof territories>();
  for (const t of territories) regions.set(t.region.name, [...(regions.get(t.region.name) ?? []), t]);
  const groups = [...regions].map(
    ([region, list]) =>
      `<optgroup label="${escapeXml(region)}">${list
        .map(
          (t) =>
            `<option value="${escapeXml(t.id)}"${t.id === current ? ' selected' : ''}>${escapeXml(t.name)} (${escapeXml(t.departmentCodes.join(', '))})</option>`,
        )
        .join('')}</optgroup>`,
  );
  const picker = element('picker') as HTMLSelectElement;
  // In the region view no territory is chosen: say so rather than show the first one.
  picker.innerHTML = `${current ? '' : '<option value="" selected>—</option>'}${groups.join('')}`;
  picker.onchange = () => {
    if (picker.value) location.search = `?id=${encodeURIComponent(picker.value)}`;
  };
}

function renderIdentity(t: Territory): void {
  const facts: [string, string][] = [
    ['Identifiant ANCT', t.id],
    ['Région', `${t.region.name} (${t.region.code})`],
    ['Départements', t.departments.map((d) => `${d.name} (${d.code})`).join(', ')],
    ['Labellisé en', `${t.labelledYear} · phase${t.phases.length > 1 ? 's' : ''} ${t.phases.join(' et ')}`],
    ['Population', t.population.toLocaleString('fr-FR')],
    ['Communes', String(t.communes.totalCount)],
    ['Chef de projet', t.projectLead ? `${t.projectLead.name} (${t.projectLead.employer})` : '—'],
  ];
  const epcis = t.epcis
    .map(
      (e) =>
        `<tr><td>${escapeXml(e.name)}</td><td>${escapeXml(e.legalNature)}</td><td>${escapeXml(e.siren)}</td><td class="num">${e.population.toLocaleString('fr-FR')}</td></tr>`,
    )
    .join('');
  element('identity').innerHTML = `
    <h2>${escapeXml(t.name)}${t.illustrative ? ' <span class="badge">illustratif</span>' : ''}</h2>
    <dl>${facts.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>
    <h3>Intercommunalités (EPCI)</h3>
    <table class="epcis"><thead><tr><th>EPCI</th><th>Nature</th><th>SIREN</th><th class="num">Population</th></tr></thead><tbody>${epcis}</tbody></table>`;
}

function renderAxes(t: Territory): void {
  const byAxis = new Map<string, { count: number }>(t.actionPlan.byAxis.map((a) => [a.axis, a]));
  const slices = AXES.map((a) => ({ label: a.label, value: byAxis.get(a.axis)?.count ?? 0, color: a.color }));
  element('axes').innerHTML = `
    <h2>Typologie des fiches actions</h2>
    <p>${t.actionPlan.sheetCount} fiches actions en phase ${t.actionPlan.phase}, budget total ${escapeXml(formatEuros(t.actionPlan.totalBudget))}.</p>
    ${donutChart(slices, { title: 'Fiches actions par axe' })}`;
}

function renderOperators(t: Territory, errors: GraphQLError[]): void {
  const bars: Bar[] = OPERATORS.map((operator) => {
    const figures = operator.figures(t);
    if (!figures) {
      const failed = errors.some((e) => e.path?.[1] === operator.field);
      return {
        label: operator.label,
        segments: [],
        unavailable: failed ? 'indisponible (voir les erreurs)' : 'aucune donnée',
      };
    }
    const byAxis = new Map<string, number>(figures.byAxis.map((a) => [a.axis, a.amount]));
    const segments = AXES.map((a) => ({ label: a.label, value: byAxis.get(a.axis) ?? 0, color: a.color }));
    // What the operator counts outside the four axes still belongs in its total.
    const outside = figures.amount - segments.reduce((sum, s) => sum + s.value, 0);
    if (outside > 0.005)
      segments.push({ label: OUTSIDE_AXES.label, value: outside, color: OUTSIDE_AXES.color });
    return { label: operator.label, segments, caption: `${figures.count} ${operator.items}` };
  });
  const legend = [...AXES, OUTSIDE_AXES]
    .map((a) => `<span class="key"><i style="background:${a.color}"></i>${escapeXml(a.label)}</span>`)
    .join('');
  const cards = OPERATORS.map((operator) => {
    const block = (t as unknown as Record<string, unknown>)[operator.field] as
      { source?: Provenance | null } | null | undefined;
    const figures = operator.figures(t);
    const source = block?.source ?? undefined;
    const caption = source
      ? describeProvenance(source)
      : block
        ? 'Source non indiquée par l’opérateur.'
        : 'Données indisponibles.';
    return `<li class="operator" data-operator="${escapeXml(operator.field)}" data-illustrative="${source?.illustrative === true}">
      <strong>${escapeXml(operator.label)}</strong>${sourceBadge(source)}
      ${figures ? ` : ${escapeXml(formatEuros(figures.amount))}, ${figures.count} ${escapeXml(operator.items)}` : ''}
      <br><small class="caption">${escapeXml(caption)}</small></li>`;
  }).join('');
  element('operators').innerHTML = `
    <h2>Montants par opérateur</h2>
    ${barChart(bars, { title: 'Montants engagés par opérateur, par axe', format: formatEuros, width: 900 })}
    <p class="legend">${legend}</p>
    <h3>Provenance des chiffres</h3>
    <ul class="provenance">${cards}</ul>`;
}

function renderOffers(t: Territory): void {
  const jobs = t.franceTravail?.offers;
  const vte = t.vte?.offers;
  const jobRows = (jobs?.nodes ?? [])
    .map(
      (o) => `<tr>
        <td>${o.url ? `<a href="${escapeXml(o.url)}" rel="noopener noreferrer">${escapeXml(o.title)}</a>` : escapeXml(o.title)}</td>
        <td>${escapeXml(o.romeCode)}${o.romeLabel ? ` — ${escapeXml(o.romeLabel)}` : ''}</td>
        <td>${escapeXml(o.contractLabel ?? o.contractType ?? '')}</td>
        <td>${escapeXml(o.place)}</td>
        <td>${escapeXml(o.companyName ?? '—')}</td>
        <td>${frenchDate(o.publishedOn)}</td></tr>`,
    )
    .join('');
  const vteRows = (vte?.nodes ?? [])
    .map(
      (o) => `<tr>
        <td>${escapeXml(o.title)}${o.green ? ' <span class="badge green">VTE Vert</span>' : ''}</td>
        <td>${escapeXml(o.companyName)}</td><td>${escapeXml(o.cityName)}</td>
        <td class="num">${o.durationMonths} mois</td><td>${frenchDate(o.startDate)}</td></tr>`,
    )
    .join('');
  element('offers').innerHTML = `
    <h2>Offres d’emploi ouvertes</h2>
    ${jobs ? `<p>${jobs.totalCount} offres France Travail, ${jobs.positionCount} postes${jobs.totalCount > jobs.nodes.length ? ` (les ${jobs.nodes.length} plus récentes)` : ''}.</p>` : '<p class="empty">Offres France Travail indisponibles.</p>'}
    ${jobRows ? `<table class="jobs"><thead><tr><th>Offre</th><th>Métier (ROME)</th><th>Contrat</th><th>Lieu</th><th>Employeur</th><th>Publiée le</th></tr></thead><tbody>${jobRows}</tbody></table>` : ''}
    <h2>Offres VTE à pourvoir</h2>
    ${vte ? `<p>${vte.totalCount} offres VTE à pourvoir.</p>` : '<p class="empty">Offres VTE indisponibles.</p>'}
    ${vteRows ? `<table class="vte"><thead><tr><th>Mission</th><th>Entreprise</th><th>Ville</th><th class="num">Durée</th><th>Début</th></tr></thead><tbody>${vteRows}</tbody></table>` : ''}`;
}

function renderErrors(pictureErrors: GraphQLError[], otherErrors: GraphQLError[]): void {
  const items = [...pictureErrors, ...otherErrors].map((error) => {
    const field = typeof error.path?.[1] === 'string' ? error.path[1] : undefined;
    const who = OPERATORS.find((o) => o.field === field)?.label ?? error.extensions?.serviceName ?? 'Graphe';
    const code = error.extensions?.code ? ` <code>${escapeXml(error.extensions.code)}</code>` : '';
    return `<li class="error" data-operator="${escapeXml(who)}"><strong>${escapeXml(who)}</strong>${code} : ${escapeXml(error.message)}</li>`;
  });
  element('errors').innerHTML = items.length
    ? `<h2>Opérateurs en erreur</h2><p>Le reste du tableau de bord est à jour ; ces données manquent :</p><ul>${items.join('')}</ul>`
    : '<p class="ok">Tous les opérateurs ont répondu.</p>';
}

function frenchDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeXml(iso);
  return date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d.slice(0, 2)}/${m}/${y}` : escapeXml(iso);
}

main().catch((error: unknown) => {
  document.body.dataset.state = 'error';
  element('errors').innerHTML =
    `<h2>Erreur</h2><p class="error">${escapeXml(error instanceof Error ? error.message : String(error))}</p>`;
});
