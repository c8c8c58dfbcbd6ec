// Turns a schema check report into the lines the CLI prints.
import { formatFinding } from './findings.js';
import type { SchemaCheckReport } from './schemaCheck.js';

/** The report as printable lines: findings (notes only when verbose), then a one-line verdict. */
export function formatReport(report: SchemaCheckReport, verbose: boolean): string[] {
  const shown = report.findings.filter((f) => verbose || f.severity !== 'note');
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const { breaking, dangerous, safe } = report.changes;
  const hidden = report.findings.length - shown.length;
  const verdict = report.publishable ? 'publishable' : 'NOT publishable';
  return [
    ...shown.map(formatFinding),
    `${report.candidate.entry.name} (${report.candidate.origin}): ${verdict} — ${errors} error(s), ${warnings} warning(s); ` +
      `changes: ${breaking} breaking, ${dangerous} dangerous, ${safe} safe` +
      (hidden ? ` (${hidden} note(s) hidden; --verbose shows them)` : ''),
  ];
}
