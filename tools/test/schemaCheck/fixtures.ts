// Fixture schemas for the schema check: a base subgraph that owns Territory and a partner
// subgraph that extends it, written to a temporary folder with their own composition config.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSdls } from '../../composition.js';

/** The subgraph that owns `Territory` in the fixtures. */
export const BASE_SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @contact(name: "Base team")

"Who owns this subgraph."
directive @contact(name: String!, url: String, description: String) on SCHEMA

"A territory."
type Territory @key(fields: "id") {
  "Its id."
  id: ID!
  "Its name."
  name: String!
}

type Query {
  "A territory by id."
  territory(id: ID!): Territory
}
`;

/** Version 1 of the partner subgraph: what the fixture supergraph serves today. */
export const PARTNER_V1 = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])
  @contact(name: "Partner team", url: "https://partner.example")

"Who owns this subgraph."
directive @contact(name: String!, url: String, description: String) on SCHEMA

"A territory, with the partner's grants."
type Territory @key(fields: "id") {
  id: ID!
  "Grants in the territory, paginated."
  grants(first: Int = 20, after: String, status: GrantStatus): GrantConnection!
  "One figure per year since 2023."
  yearly: [YearFigure!]! @listSize(assumedSize: 5)
  "A short headline."
  headline: String
  legacyNote: String
}

"A page of grants."
type GrantConnection {
  "Grants of this page."
  nodes: [Grant!]!
  "Grants over all pages."
  totalCount: Int!
}

"A grant."
type Grant {
  "Its id."
  id: ID!
  "Amount in euros."
  amount: Float!
  "What it pays for."
  label: String
}

"Where a grant stands."
enum GrantStatus {
  OPEN
  CLOSED
}

"Figures of one year."
type YearFigure {
  "The year."
  year: Int!
  "Grants that year."
  count: Int!
}

type Query {
  "A grant by id."
  grant(id: ID!, currency: String = "EUR"): Grant
}
`;

/** A temporary composition: config, subgraph files and the supergraph served today. */
export interface FixtureWorld {
  dir: string;
  configPath: string;
  supergraphPath: string;
  partnerFile: string;
  /** Writes a candidate schema file and returns its path. */
  writeCandidate(sdl: string, name?: string): string;
}

/** Lays out the base and partner v1 in a temporary folder and composes today's supergraph. */
export function makeFixtureWorld(): FixtureWorld {
  const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
  const baseFile = join(dir, 'base.graphql');
  const partnerFile = join(dir, 'partner.graphql');
  writeFileSync(baseFile, BASE_SDL);
  writeFileSync(partnerFile, PARTNER_V1);
  const configPath = join(dir, 'supergraph.yaml');
  writeFileSync(
    configPath,
    [
      'subgraphs:',
      '  base:',
      '    routing_url: http://127.0.0.1:1/graphql',
      '    schema:',
      '      file: base.graphql',
      '  partner:',
      '    routing_url: http://127.0.0.1:2/graphql',
      '    schema:',
      '      file: partner.graphql',
      '',
    ].join('\n'),
  );
  const composed = composeSdls([
    { name: 'base', url: 'http://127.0.0.1:1/graphql', sdl: BASE_SDL },
    { name: 'partner', url: 'http://127.0.0.1:2/graphql', sdl: PARTNER_V1 },
  ]);
  if (!composed.ok) throw new Error(`fixtures do not compose: ${composed.errors.join('; ')}`);
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  let count = 0;
  return {
    dir,
    configPath,
    supergraphPath,
    partnerFile,
    writeCandidate(sdl, name = `candidate-${++count}.graphql`) {
      const file = join(dir, name);
      writeFileSync(file, sdl);
      return file;
    },
  };
}

/** Replaces one exact piece of the partner schema; fails loudly when the piece is not there. */
export function editPartner(from: string, to: string, sdl = PARTNER_V1): string {
  if (!sdl.includes(from)) throw new Error(`fixture edit: "${from}" is not in the schema`);
  return sdl.replace(from, to);
}
