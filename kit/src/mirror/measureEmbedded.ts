// Measures what the embedded mirror costs: time to open (and migrate) a fresh SQLite file, the
// resident memory it adds, and a 300,000-row sync through the real runner (staging + swap).
// Run with `npx tsx kit/src/mirror/measureEmbedded.ts`; the figures go in docs/mirror.md.
// A script, not a timed test: timings depend on the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROWS = Number(process.argv[2] ?? 300_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mirror-measure-'));
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const { openMirror } = await import('./openMirror.js');
  const { runSync } = await import('./runSync.js');
  const { parseFranceRelanceProject } = await import('./parsers/parseFranceRelanceProject.js');
  const importMs = performance.now() - t0;
  const t0b = performance.now();
  const store = await openMirror({ file: join(dir, 'mirror.sqlite') });
  const openMs = performance.now() - t0b;
  const afterOpen = process.memoryUsage().rss;

  async function* rows() {
    for (let i = 0; i < ROWS; i++) {
      yield {
        ref: `row ${i + 1}`,
        raw: {
          entreprise: `ENTREPRISE ${i}`,
          type_entreprise: 'TPE / PME',
          siren: String(100_000_000 + i),
          volet_relance: 'Verdissement',
          mesure: 'Soutien à l’investissement industriel dans les territoires',
          nom_departement: 'MARNE',
          nom_commune: 'CHALONS-EN-CHAMPAGNE',
          code_postal: '51000',
          coordonnees_gps: '48.95, 4.36',
          description_projet:
            'Modernisation de la ligne de production et réduction de la consommation énergétique du site.',
          mesure_light: 'Projets territoriaux',
          mise_a_jour: '2021-05-05',
          filiere: 'Construction',
          code_departement: '51.0',
          nom_region: 'GRAND EST',
        },
      };
    }
  }
  let peak = afterOpen;
  let readMs = 0;
  const t1 = performance.now();
  const result = await runSync(
    store,
    {
      name: 'measure',
      table: 'france_relance_project',
      read: () => Promise.resolve({ mode: 'full', rows: rows(), cursor: () => ({}) }),
      parse: parseFranceRelanceProject,
    },
    {
      onProgress: (p) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        if (p.phase === 'swapping') readMs = performance.now() - t1;
      },
    },
  );
  const syncMs = performance.now() - t1;
  peak = Math.max(peak, process.memoryUsage().rss);
  await store.close();
  // What a restart costs: the file exists, every migration is already applied.
  const t2 = performance.now();
  const reopened = await openMirror({ file: join(dir, 'mirror.sqlite') });
  const reopenMs = performance.now() - t2;
  await reopened.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    [
      `node ${process.version}, ${ROWS.toLocaleString('en-US')} rows, status ${result.status}, ${result.recordCount} records`,
      `loading the mirror modules (better-sqlite3, kysely, pg; tsx transpiles on first run): ${importMs.toFixed(0)} ms`,
      `open + migrate a fresh file: ${openMs.toFixed(0)} ms; reopen an existing, migrated file: ${reopenMs.toFixed(0)} ms`,
      `resident memory: baseline ${mb(baseline)}, after open ${mb(afterOpen)} (+${mb(afterOpen - baseline)}), peak during sync ${mb(peak)} (+${mb(peak - baseline)})`,
      `sync: ${(syncMs / 1000).toFixed(2)} s (parse + staging load ${(readMs / 1000).toFixed(2)} s, one-transaction swap ${((syncMs - readMs) / 1000).toFixed(2)} s)`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
