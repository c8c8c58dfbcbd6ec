// Smoke run of the benchmark harness (about a second per party): it must keep producing a
// well-formed report. The figures themselves are never asserted; they depend on the machine.
// The contenders are the benchmark's own packages (bench/packages/package.json): CI installs them
// (.ci/run); elsewhere the harness installs them on first use, so a clone without them takes a
// few minutes more here, and fails with npm's reason when the registry cannot be reached.
import { beforeAll, describe, expect, it } from 'vitest';
import { benchDependenciesInstalled } from '../benchDependencies.js';
import type { BenchReport } from '../benchReport.js';
import { runBench } from '../harness.js';
import { WORKLOAD_ANSWER_BYTES } from '../publicWorkload.js';

const COMMAND = 'vitest bench/test/bench.e2e.ts';
const INSTALL_MS = benchDependenciesInstalled() ? 0 : 480_000;

let report: BenchReport;
let markdown: string;

beforeAll(async () => {
  ({ report, markdown } = await runBench({ smoke: true, soak: false, command: COMMAND }));
  // About two and a half minutes on a quiet machine; twice that leaves room for a shared one.
}, 300_000 + INSTALL_MS);

/** The rows of the Markdown table that follows `heading`. */
function tableAfter(heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (line.startsWith('|') && !line.startsWith('|---'))
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
  }
  return rows;
}

describe('the benchmark harness, in smoke mode', () => {
  it('gets the 87,599-byte workload answer from every gateway, identical to the stock gateway’s', () => {
    const gateways = report.public?.contenders.filter((c) => c.id !== 'floor') ?? [];
    expect(gateways.map((c) => c.id)).toEqual(['ours', 'apollo', 'hive', 'hive-no-dedup']);
    for (const gateway of gateways) {
      expect(gateway.answer).toMatchObject({
        bytes: WORKLOAD_ANSWER_BYTES,
        identicalToStock: true,
        errors: 0,
      });
    }
  });

  it('measures every party in both scenarios, CPU and memory included for the gateways', () => {
    expect(report.public?.scenarios.map((s) => s.name)).toEqual(['identical', 'distinct-header']);
    for (const scenario of report.public?.scenarios ?? []) {
      expect(scenario.rows.map((row) => row.id)).toEqual([
        'ours',
        'apollo',
        'hive',
        'hive-no-dedup',
        'floor',
      ]);
      for (const row of scenario.rows) {
        expect(row.result.runs).toBe(1);
        expect(Number.isFinite(row.result.requestsPerS)).toBe(true);
        if (row.id !== 'floor') {
          expect(Number.isFinite(row.result.cpuMsPerRequest)).toBe(true);
          expect(Number.isFinite(row.result.peakRssMb)).toBe(true);
        }
      }
    }
  });

  it('writes one table row per party and scenario, with a ratio to ours', () => {
    for (const heading of ['### Identical requests', '### A distinct header on every request']) {
      const [header, ...rows] = tableAfter(heading);
      expect(header).toContain('CPU ÷ ours');
      expect(rows).toHaveLength(5);
      expect(rows[0]?.[header?.indexOf('CPU ÷ ours') ?? -1]).toBe('1.00×');
      for (const row of rows) expect(row).toHaveLength(header?.length ?? 0);
    }
  });

  it('states the machine, the versions, the command and every target', () => {
    expect(markdown).toMatch(/- CPU: .+, \d+ cores; memory \d/);
    expect(markdown).toContain('@graphql-hive/gateway 2.');
    expect(markdown).toContain(COMMAND);
    const targets = tableAfter('## Targets');
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const row of targets.slice(1)) expect(['met', '**not met**', '—']).toContain(row[2]);
  });

  it('runs the mission workload for 1, 21 and 183 territories through the whole stack', () => {
    // A stack that cannot start is a failure of the product, not a result to report.
    expect(report.missionError).toBeUndefined();
    expect(report.mission?.growth.map((g) => g.size)).toEqual([1, 21, 183]);
    expect(report.mission?.growth.map((g) => g.territories)).toEqual([1, 21, 183]);
    expect(tableAfter('### Under load').length).toBeGreaterThan(3);
  });

  it("reports issue 11's figures: the mirror's sync and re-sync, query times, departments, memory", () => {
    const sync = report.mission?.sync;
    // The first stack found the run's mirror empty and synced every mirrored source in order.
    expect(sync?.first.sources.map((s) => s.source)).toEqual([
      'cdc-subsidies',
      'france-relance',
      'france-2030',
      'ademe-aids',
      'fonds-vert',
      'bmo',
      'france-travail-offers',
      'vte-window',
      'business-france-window',
      'dgefp-window',
      'action-logement-window',
      'apec-window',
    ]);
    expect(sync?.first.sources.filter((s) => s.recordCount > 0).length).toBe(12);
    expect(sync?.first.peakRssMb).toBeGreaterThan(20);
    expect(sync?.again?.sources).toHaveLength(12);
    const growth = report.mission!.growth;
    expect(growth.map((g) => g.departments)).toEqual(
      [...growth.map((g) => g.departments)].sort((a, b) => a - b),
    );
    expect(growth[0]!.departments).toBeGreaterThanOrEqual(1);
    expect(growth[2]!.departments).toBeGreaterThan(growth[0]!.departments);
    for (const g of growth) expect(g.warmQueryMs).toBeGreaterThan(0);
    for (const g of growth) expect(g.warmExecutedMs).toBeGreaterThan(0);
    // The cold query is timed on a fresh stack per round: the figure is their median, the
    // table shows their range.
    const coldCells = tableAfter('### Calls per query as territories grow').map((row) => row[4]);
    growth.forEach((g, i) => {
      expect(g.coldQueryRoundsMs).toHaveLength(2);
      const [a, b] = g.coldQueryRoundsMs as [number, number];
      expect(g.coldQueryMs).toBeCloseTo((a + b) / 2, 6);
      expect(coldCells[i + 1]).toContain(`(${Math.min(a, b).toFixed(0)}–${Math.max(a, b).toFixed(0)})`);
    });
    // Load as deployed (repeated requests) and executed (every request asked with Cache-Control: no-cache).
    expect(new Set(report.mission!.load.map((r) => r.mode))).toEqual(new Set(['cached', 'executed']));
    const targets = tableAfter('## Targets').map((row) => row[0]);
    expect(targets.some((t) => t?.startsWith('sync of every source from the simulators'))).toBe(true);
    expect(targets.some((t) => t?.startsWith('whole stack under 600 MB RSS'))).toBe(true);
    expect(tableAfter("### The mirror's sync")).toHaveLength(3);
  });
});
