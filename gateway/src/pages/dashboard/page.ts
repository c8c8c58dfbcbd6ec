// The reference dashboard's HTML: a static shell, the operations it runs (read from operations/)
// and its bundled script. Everything it shows comes from the public graph at /graphql.
import type { DashboardConfig } from './client.js';

/** The page for `config`; the script reads the config from the JSON block. */
export function dashboardPage(config: DashboardConfig, scriptUrl: string): string {
  // The JSON sits inside a <script>: never let it close the tag.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tableau de bord — Territoires Graph</title>
  <link rel="icon" href="data:,">
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; color: #1f2937; background: #f5f6f8; }
    header { background: #000091; color: #fff; padding: 12px 24px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
    header h1 { font-size: 18px; margin: 0; flex: 1; }
    header select { max-width: 420px; font-size: 14px; }
    main { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; padding: 16px 24px; }
    section { background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); overflow-x: auto; }
    section.wide { grid-column: 1 / -1; }
    h2 { font-size: 16px; margin: 0 0 8px; } h3 { font-size: 14px; margin: 16px 0 6px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; font-size: 14px; }
    dt { color: #6b7280; } dd { margin: 0; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
    .num { text-align: right; }
    .badge { font-size: 11px; background: #fde68a; border-radius: 4px; padding: 1px 6px; vertical-align: middle; }
    .badge.green { background: #bbf7d0; }
    .badge.illustrative { background: #fed7aa; color: #7c2d12; cursor: help; }
    ul.provenance { list-style: none; padding: 0; margin: 0; font-size: 13px; } ul.provenance li { margin: 6px 0; }
    .caption { color: #6b7280; }
    table.region td small { color: #6b7280; } td.unavailable { color: #b91c1c; }
    .legend .key { margin-right: 12px; font-size: 13px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
    #errors li.error { color: #991b1b; margin: 4px 0; } #errors .ok { color: #166534; margin: 0; }
    .empty { color: #6b7280; }
    table + h2 { margin-top: 24px; }
    svg { max-width: 100%; height: auto; }
  </style>
</head>
<body data-state="loading">
  <header>
    <h1>Territoires d’industrie — soutiens des opérateurs de l’État</h1>
    <label>Territoire <select id="picker" aria-label="Territoire"></select></label>
    <label>Région entière <select id="region-picker" aria-label="Région"></select></label>
  </header>
  <main>
    <section id="errors" class="wide" aria-live="polite"></section>
    <section id="identity"><p class="empty">Chargement…</p></section>
    <section id="axes"></section>
    <section id="operators" class="wide"></section>
    <section id="offers" class="wide"></section>
  </main>
  <script id="dashboard-config" type="application/json">${json}</script>
  <script src="${scriptUrl}"></script>
</body>
</html>`;
}
