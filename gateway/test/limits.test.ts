// Measuring operations: depth, aliases, root fields, directives and the estimated cost.
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { LimitsConfig } from '../src/config.js';
import { HttpError } from '../../kit/src/http.js';
import { OperationLimits } from '../src/pipeline/limits.js';

const schema = buildSchema(`
  type Query { territories(first: Int = 50): Connection! territory(id: ID!): Territory regions: [Region!]! }
  type Connection { nodes: [Territory!]! totalCount: Int! }
  type Territory { id: ID! communes(first: Int = 20): CommuneConnection! binomes: [Binome!]! region: Region! }
  type CommuneConnection { nodes: [Commune!]! }
  type Commune { name: String! }
  type Binome { name: String! }
  type Region { code: String! territories: [Territory!]! }
`);
const LIMITS: LimitsConfig = {
  maxDocumentBytes: 100_000,
  maxTokens: 100_000,
  maxDepth: 100,
  maxAliases: 1_000,
  maxRootFields: 100,
  maxDirectives: 100,
  maxCost: 1_000_000_000,
  defaultListSize: 10,
};

function measure(query: string, variables?: Record<string, unknown>, limits: Partial<LimitsConfig> = {}) {
  const checker = new OperationLimits(schema, { ...LIMITS, ...limits });
  const analysis = checker.analyse(query);
  return checker.check(analysis, checker.operation(analysis, undefined), variables);
}

function refusal(query: string, limits: Partial<LimitsConfig>, variables?: Record<string, unknown>): string {
  try {
    measure(query, variables, limits);
  } catch (error) {
    if (error instanceof HttpError) return String(error.code);
    throw error;
  }
  return 'accepted';
}

describe('OperationLimits', () => {
  it('counts depth, aliases, root fields and directives through fragments', () => {
    const facts = measure(`query Q($x: Boolean = true) @skip(if: false) {
      a: territory(id: "1") { ...T }
      b: regions { code @include(if: $x) }
      __typename
    }
    fragment T on Territory { region { territories { id } } binomes { n: name } }`);
    expect(facts).toMatchObject({
      name: 'Q',
      type: 'query',
      depth: 4,
      aliases: 3,
      rootFields: 2,
      directives: 2,
    });
  });

  it('costs a connection by its first argument, its lists by that page, other lists by the default size', () => {
    // territories: 1 + (nodes: 1 + 50 × (id: 1)) + totalCount: 1
    expect(measure('{ territories { nodes { id } totalCount } }').fixedCost).toBe(1 + 1 + 50 + 1);
    // territories(first: 2): 1 + nodes: 1 + 2 × (communes: 1 + nodes: 1 + 20 × name: 1)
    expect(measure('{ territories(first: 2) { nodes { communes { nodes { name } } } } }').fixedCost).toBe(
      1 + 1 + 2 * (1 + 1 + 20),
    );
    // regions (a list without first): 1 + 10 × (territories: 1 + 10 × id: 1)
    expect(measure('{ regions { territories { id } } }').fixedCost).toBe(1 + 10 * (1 + 10));
  });

  it('reads page sizes from variables and their defaults, per request', () => {
    const query = 'query ($n: Int = 3) { territories(first: $n) { nodes { id } } }';
    expect(measure(query).fixedCost).toBeUndefined();
    expect(refusal(query, { maxCost: 10 }, { n: 100 })).toBe('MAX_COST_EXCEEDED');
    expect(refusal(query, { maxCost: 10 }, {})).toBe('accepted');
  });

  it('refuses each limit with its own code', () => {
    expect(refusal('{ regions { territories { region { code } } } }', { maxDepth: 3 })).toBe(
      'MAX_DEPTH_EXCEEDED',
    );
    expect(refusal('{ regions { a: code b: code } }', { maxAliases: 1 })).toBe('MAX_ALIASES_EXCEEDED');
    expect(refusal('{ regions { code } r: regions { code } }', { maxRootFields: 1 })).toBe(
      'MAX_ROOT_FIELDS_EXCEEDED',
    );
    expect(refusal('{ regions { code @skip(if: false) } }', { maxDirectives: 0 })).toBe(
      'MAX_DIRECTIVES_EXCEEDED',
    );
    expect(refusal('{ regions { code code code } }', { maxTokens: 5 })).toBe('DOCUMENT_TOO_LARGE');
    expect(refusal('{ regions { ', {})).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('measures a fragment bomb once per fragment', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Region { code }`
        : `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} a${i}: code }`,
    ).join('\n');
    const facts = measure(`{ regions { ...F0 } } ${fragments}`, undefined, {
      maxAliases: Number.MAX_SAFE_INTEGER,
      maxCost: Number.MAX_SAFE_INTEGER,
    });
    // 2^29 spreads if expanded; memoised, the walk finishes and the alias count shows the blow-up.
    expect(facts.aliases).toBeGreaterThan(1_000_000);
    expect(refusal(`{ regions { ...F0 } } ${fragments}`, { maxAliases: 30 })).toBe('MAX_ALIASES_EXCEEDED');
  });

  it('keeps the introspection depth apart from the query depth', () => {
    const facts = measure(
      '{ __schema { types { fields { type { ofType { ofType { name } } } } } } }',
      undefined,
      { maxDepth: 3 },
    );
    expect(facts).toMatchObject({
      depth: 0,
      introspectionDepth: 7,
      introspection: true,
      onlyIntrospection: true,
    });
  });
});
