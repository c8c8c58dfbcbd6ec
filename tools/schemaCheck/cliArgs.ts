// Command-line arguments shared by `schema:check` and `schema:publish`.
import { resolve } from 'node:path';
import { CheckInputError } from './candidate.js';

/** Parsed arguments of the schema commands. */
export interface SchemaCommandArgs {
  name: string;
  schemaFile?: string;
  url?: string;
  headers: Record<string, string>;
  configPath?: string;
  supergraphPath?: string;
  supergraphOut?: string;
  allowBreaking: boolean;
  /** Print safe changes and notes too. */
  verbose: boolean;
}

const VALUE_FLAGS = [
  '--schema',
  '--url',
  '--header',
  '--config',
  '--supergraph',
  '--supergraph-out',
] as const;
const BOOLEAN_FLAGS = ['--allow-breaking', '--verbose'] as const;

/** Parses `NAME [--schema FILE | --url URL] [--header "N: V"] [--config FILE] [--supergraph FILE] …`. */
export function parseSchemaCommandArgs(
  argv: string[],
  allowed: readonly string[],
  usage: string,
): SchemaCommandArgs {
  const args: SchemaCommandArgs = { name: '', headers: {}, allowBreaking: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      if (args.name) throw new CheckInputError(`unexpected argument "${arg}" (usage: ${usage})`);
      args.name = arg;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(flag)) throw new CheckInputError(`unknown option "${flag}" (usage: ${usage})`);
    if ((BOOLEAN_FLAGS as readonly string[]).includes(flag)) {
      if (flag === '--allow-breaking') args.allowBreaking = true;
      else args.verbose = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag))
      throw new CheckInputError(`unknown option "${flag}" (usage: ${usage})`);
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new CheckInputError(`${flag} needs a value (usage: ${usage})`);
    if (inline === undefined) i++;
    if (flag === '--schema') args.schemaFile = resolve(value);
    else if (flag === '--url') args.url = value;
    else if (flag === '--config') args.configPath = resolve(value);
    else if (flag === '--supergraph') args.supergraphPath = resolve(value);
    else if (flag === '--supergraph-out') args.supergraphOut = resolve(value);
    else {
      const match = /^([\w-]+):\s*(.*)$/.exec(value);
      if (!match?.[1]) throw new CheckInputError(`--header wants "Name: value"; got "${value}"`);
      args.headers[match[1].toLowerCase()] = match[2] ?? '';
    }
  }
  if (!args.name) throw new CheckInputError(`which subgraph? (usage: ${usage})`);
  if (args.schemaFile && args.url) throw new CheckInputError('give --schema or --url, not both');
  return args;
}
