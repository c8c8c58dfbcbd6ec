// Reading access rules from a composed supergraph, and the copy @apollo/gateway is given.
import { ApolloGateway } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { prepareSupergraph } from '../src/guards/accessRules.js';
import { composeSdls } from '../../tools/composition.js';

function compose(sdl: string): string {
  const outcome = composeSdls([{ name: 'a', url: 'http://a.example/graphql', sdl }]);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

const SUBGRAPH = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@authenticated", "@requiresScopes"])
type Query { node: Node, secret: Secret, items: [Item!]! }
interface Node { id: ID! detail: String }
type Item implements Node @key(fields: "id") { id: ID! detail: String @requiresScopes(scopes: [["items:read", "extra"], ["admin"]]) open: String }
type Secret @authenticated { code: String }
`;

describe('prepareSupergraph', () => {
  it('reads field, type and interface requirements from the composed directives', () => {
    const { rules } = prepareSupergraph(compose(SUBGRAPH));
    expect(rules.field('Item', 'detail')?.conditions).toEqual([
      { kind: 'scopes', anyOf: [['items:read', 'extra'], ['admin']] },
    ]);
    expect(rules.field('Item', 'open')).toBeUndefined();
    // A field read through the interface is guarded like the implementation's.
    expect(rules.field('Node', 'detail')?.conditions).toEqual(rules.field('Item', 'detail')?.conditions);
    // A guarded type guards the fields that return it and its own fields.
    expect(rules.field('Query', 'secret')?.conditions).toEqual([{ kind: 'authenticated' }]);
    expect(rules.field('Secret', 'code')?.conditions).toEqual([{ kind: 'authenticated' }]);
    expect(rules.field('Query', 'items')).toBeUndefined();
  });

  it('hands @apollo/gateway a supergraph it accepts, without the security links and directives', async () => {
    const sdl = compose(SUBGRAPH);
    await expect(new ApolloGateway({ supergraphSdl: sdl }).load()).rejects.toThrow(/SECURITY/);
    const { gatewaySdl, subgraphs } = prepareSupergraph(sdl);
    expect(gatewaySdl).not.toMatch(/requiresScopes|authenticated/);
    expect(subgraphs).toEqual([{ name: 'a', url: 'http://a.example/graphql' }]);
    const gateway = new ApolloGateway({ supergraphSdl: gatewaySdl });
    await expect(gateway.load()).resolves.toMatchObject({ executor: expect.any(Function) });
    await gateway.stop();
  });

  it('follows directives renamed with `as:` in the supergraph link', () => {
    const renamed = compose(SUBGRAPH)
      .replace(
        '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
        '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", as: "scopes", for: SECURITY)',
      )
      .replace(/@requiresScopes\(/g, '@scopes(')
      .replace(
        'directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!)',
        'directive @scopes(scopes: [[scopes__Scope!]!]!)',
      )
      .replace('scalar requiresScopes__Scope', 'scalar scopes__Scope');
    const { rules, gatewaySdl } = prepareSupergraph(renamed);
    expect(rules.field('Item', 'detail')?.conditions[0]).toMatchObject({ kind: 'scopes' });
    expect(gatewaySdl).not.toMatch(/scopes__Scope|@scopes/);
  });

  it('refuses a supergraph linking a security feature it cannot enforce', () => {
    const withPolicy = compose(SUBGRAPH).replace(
      '{\n  query: Query',
      '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)\n{\n  query: Query',
    );
    expect(() => prepareSupergraph(withPolicy)).toThrow(/policy.*cannot enforce/);
  });

  it('leaves a supergraph without security features untouched', () => {
    const plain = compose(`type Query { hello: String }`);
    const prepared = prepareSupergraph(plain);
    expect(prepared.gatewaySdl).toBe(plain);
    expect(prepared.rules.size).toBe(0);
  });
});
