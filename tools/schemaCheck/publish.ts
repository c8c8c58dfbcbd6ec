// `schema:publish`: runs the schema check, and when it passes, puts the candidate schema in place
// and writes the new supergraph. Files are replaced atomically (write, then rename) so a gateway
// watching the supergraph never reads half a file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rebaseImports } from '../../kit/src/subgraphSchema.js';
import { parseDocument } from 'yaml';
import { SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from '../composition.js';
import { displayPath } from './candidate.js';
import { runSchemaCheck, type SchemaCheckOptions, type SchemaCheckReport } from './schemaCheck.js';

/** Options of {@link publishSchema}. */
export interface PublishOptions extends Omit<SchemaCheckOptions, 'supergraphPath'> {
  /** Supergraph to replace (default `schema/supergraph.graphql`); also what the check compares with. */
  supergraphOut?: string;
}

/** What publishing did. */
export interface PublishOutcome {
  report: SchemaCheckReport;
  published: boolean;
  /** Why nothing was written, when `published` is false. */
  refusal?: string;
  /** Files written, as shown to the user. */
  written: string[];
}

/** Checks, then writes the subgraph schema (when it came from elsewhere) and the supergraph. */
export async function publishSchema(options: PublishOptions): Promise<PublishOutcome> {
  const supergraphOut = options.supergraphOut ?? SUPERGRAPH_FILE;
  const report = await runSchemaCheck({ ...options, supergraphPath: supergraphOut });
  if (!report.publishable || !report.supergraphSdl) {
    const breaking = report.findings.some((f) => f.kind === 'breaking' && f.severity === 'error');
    const others = report.findings.some((f) => f.severity === 'error' && f.kind !== 'breaking');
    const refusal =
      breaking && !others
        ? 'breaking changes: publish them with --allow-breaking once their clients are ready'
        : 'the schema check found errors';
    return { report, published: false, refusal, written: [] };
  }
  const written: string[] = [];
  const target = report.candidate.entry.schemaFile;
  // A file that imports the shared blocks keeps importing them from its new place; a
  // self-contained SDL (a partner's file, or one a running subgraph served) is written as given.
  const text = report.candidate.file
    ? rebaseImports(report.candidate.sdl, report.candidate.file, target)
    : report.candidate.sdl;
  if (readIfExists(target) !== text) {
    replaceFile(target, text);
    written.push(displayPath(target));
  }
  const supergraph = report.supergraphSdl.endsWith('\n') ? report.supergraphSdl : `${report.supergraphSdl}\n`;
  if (readIfExists(supergraphOut) !== supergraph) {
    replaceFile(supergraphOut, supergraph);
    written.push(displayPath(supergraphOut));
  }
  // Published: from now on its schema is a contract, and breaking it needs --allow-breaking.
  if (report.candidate.entry.draft) {
    const configPath = options.configPath ?? SUPERGRAPH_CONFIG;
    const config = parseDocument(readFileSync(configPath, 'utf8'));
    config.deleteIn(['subgraphs', report.candidate.entry.name, 'draft']);
    replaceFile(configPath, config.toString());
    written.push(`${displayPath(configPath)} (no longer a draft)`);
  }
  return { report, published: true, written };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes beside the target, then renames over it: readers see the old file or the new one. */
function replaceFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
