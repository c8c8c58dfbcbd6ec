// What a schema check reports: one finding per problem or change, each with where it is.

/** How much a finding matters: errors block publishing, warnings and notes do not. */
export type Severity = 'error' | 'warning' | 'note';

/** What produced a finding. */
export type FindingKind = 'composition' | 'breaking' | 'dangerous' | 'safe' | 'convention';

/** One line of a schema check report. */
export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** Short machine name of the rule or change (e.g. `FIELD_REMOVED`, `description`). */
  rule: string;
  message: string;
  /** Schema coordinate the finding is about (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`). */
  coordinate?: string;
  /** Where it is: a file (as given by the caller) and a 1-based line and column. */
  file?: string;
  line?: number;
  column?: number;
}

/** Formats a finding as `file:line:col: severity [kind/rule] message`, like a compiler. */
export function formatFinding(finding: Finding): string {
  const where = finding.file
    ? `${finding.file}${finding.line ? `:${finding.line}${finding.column ? `:${finding.column}` : ''}` : ''}: `
    : '';
  return `${where}${finding.severity} [${finding.kind}/${finding.rule}] ${finding.message}`;
}

/** Orders findings: errors first, then by file and line, so the report reads top-down. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
  return [...findings].sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
