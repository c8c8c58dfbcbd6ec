// Access control through the real gateway over HTTP: the rules come from the supergraph
// (@requiresScopes / @authenticated in the territories subgraph and in a test operator subgraph),
// callers authenticate with JWTs or API keys, and the subgraphs only answer the gateway.
import { createPublicKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../kit/src/listen.js';
import { signIdentity } from '../kit/src/gatewayIdentity.js';
import { composeWithLedger, startLedgerSubgraph } from '../gateway/test/fixtures/ledgerSubgraph.js';
import { call, codeOf, devToken, post, startGateway, tempFile } from '../gateway/test/helpers.js';
import { startTestStack, type Stack } from './helpers/stack.js';

const SECRET = 'access-test-gateway-secret';
const API_KEY = 'agence-test-key-0123456789';
let ledger: RunningServer;
let stack: Stack;
let graphql: string;

beforeAll(async () => {
  ledger = await startLedgerSubgraph(SECRET);
  const supergraphPath = tempFile('supergraph.graphql', composeWithLedger(ledger.url));
  stack = await startTestStack({
    env: {
      GATEWAY_SECRET: SECRET,
      API_KEYS: JSON.stringify({ [API_KEY]: { name: 'agence-test', scopes: ['amounts:read'] } }),
    },
    gateway: { supergraphPath },
  });
  graphql = `${stack.gatewayUrl}/graphql`;
});
afterAll(async () => {
  await stack?.stop();
  await ledger?.close();
});

const BINOMES = `{ territory(id: "ti-4411") { name binomes { id contact { email } } projectLead { name contact { phone } } } }`;

describe('restricted fields', () => {
  it('gives anonymous callers null and UNAUTHENTICATED for contact details, and the rest of the query', async () => {
    const result = await post(graphql, { query: BINOMES });
    expect(result.status).toBe(200);
    const territory = result.body.data?.territory as {
      name: string;
      binomes: { id: string; contact: unknown }[];
      projectLead: { name: string; contact: unknown };
    };
    expect(territory.name).toBe('Pays de Châlons');
    expect(territory.binomes.length).toBeGreaterThan(0);
    expect(territory.binomes.every((b) => b.id && b.contact === null)).toBe(true);
    expect(territory.projectLead).toMatchObject({ name: expect.any(String), contact: null });
    const errors = result.body.errors ?? [];
    expect(errors).toHaveLength(territory.binomes.length + 1);
    expect(errors.every((e) => e.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    expect(errors[0]?.path).toEqual(['territory', 'binomes', 0, 'contact']);
    expect(errors.at(-1)?.path).toEqual(['territory', 'projectLead', 'contact']);
  });

  it('gives a token holding contacts:read the contact details, with no error', async () => {
    const result = await post(
      graphql,
      { query: BINOMES },
      { authorization: `Bearer ${await devToken(['contacts:read'])}` },
    );
    expect(result.body.errors).toBeUndefined();
    const territory = result.body.data?.territory as { binomes: { contact: { email: string } }[] };
    expect(territory.binomes[0]?.contact.email).toMatch(/@/);
  });

  it('answers FORBIDDEN to a token without the scope', async () => {
    const result = await post(
      graphql,
      { query: BINOMES },
      { authorization: `Bearer ${await devToken(['drafts:read'])}` },
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(result.body.errors?.[0]?.message).toContain('contacts:read');
    expect((result.body.data?.territory as { name: string }).name).toBe('Pays de Châlons');
  });

  it('keeps action sheets and site applications under review out of the open fields', async () => {
    const query = `{ territory(id: "ti-4401") { actionSheets(first: 200) { nodes { status } } draftActionSheets { totalCount nodes { status } } siteApplications { id } } }`;
    const anonymous = await post(graphql, { query });
    const open = anonymous.body.data?.territory as {
      actionSheets: { nodes: { status: string }[] };
      draftActionSheets: unknown;
      siteApplications: unknown;
    };
    expect(open.actionSheets.nodes.length).toBeGreaterThan(0);
    expect(open.actionSheets.nodes.some((n) => n.status === 'UNDER_REVIEW')).toBe(false);
    expect(open).toMatchObject({ draftActionSheets: null, siteApplications: null });
    expect(anonymous.body.errors?.map((e) => e.path?.join('.'))).toEqual([
      'territory.draftActionSheets',
      'territory.siteApplications',
    ]);

    const agent = await post(
      graphql,
      { query },
      { authorization: `Bearer ${await devToken(['drafts:read'])}` },
    );
    expect(agent.body.errors).toBeUndefined();
    const drafts = (
      agent.body.data?.territory as { draftActionSheets: { totalCount: number; nodes: { status: string }[] } }
    ).draftActionSheets;
    expect(drafts.totalCount).toBe(2);
    expect(drafts.nodes).toHaveLength(2);
    expect(drafts.nodes.every((n) => n.status === 'UNDER_REVIEW')).toBe(true);
  });

  it('enforces an operator subgraph rule read from the supergraph, with either scope set of @requiresScopes', async () => {
    const query = `{ territory(id: "ti-4405") { name publishedAmount unpublishedAmount } }`;
    const anonymous = await post(graphql, { query });
    expect(anonymous.body.data?.territory).toMatchObject({ publishedAmount: 1000, unpublishedAmount: null });
    expect(anonymous.body.errors?.[0]).toMatchObject({
      path: ['territory', 'unpublishedAmount'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const admin = await post(graphql, { query }, { authorization: `Bearer ${await devToken(['admin'])}` });
    expect(admin.body).toEqual({
      data: { territory: { name: expect.any(String), publishedAmount: 1000, unpublishedAmount: 42000 } },
    });
    const keyed = await post(graphql, { query }, { 'x-api-key': API_KEY });
    expect(keyed.body.errors).toBeUndefined();
    expect(keyed.body.data?.territory).toMatchObject({ unpublishedAmount: 42000 });
  });

  it('nulls the nearest nullable parent of a guarded non-null field, and guards whole types', async () => {
    const anonymous = await post(graphql, {
      query: `{ territory(id: "ti-4405") { id internalCode } audit { id } regions { code } }`,
    });
    expect(anonymous.body.data).toMatchObject({ territory: null, audit: null });
    expect((anonymous.body.data?.regions as unknown[]).length).toBe(18);
    expect(anonymous.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['territory.internalCode', 'UNAUTHENTICATED'],
      ['audit', 'UNAUTHENTICATED'],
    ]);
    const signedIn = await post(
      graphql,
      { query: `{ territory(id: "ti-4405") { internalCode } audit { id } }` },
      { authorization: `Bearer ${await devToken([])}` },
    );
    expect(signedIn.body).toEqual({
      data: { territory: { internalCode: 'code-ti-4405' }, audit: [{ id: 'a1' }] },
    });
  });

  it('follows aliases, fragments and @include when placing nulls', async () => {
    const query = `query Q($withLead: Boolean!) {
      t: territory(id: "ti-4405") { ...Pair lead: projectLead @include(if: $withLead) { c: contact { email } } }
    }
    fragment Pair on Territory { binomes { c: contact { email } } }`;
    const withLead = await post(graphql, { query, variables: { withLead: true } });
    const paths = withLead.body.errors?.map((e) => e.path?.join('.'));
    expect(paths?.[0]).toBe('t.binomes.0.c');
    expect(paths).toContain('t.lead.c');
    const withoutLead = await post(graphql, { query, variables: { withLead: false } });
    expect(withoutLead.body.errors?.map((e) => e.path?.join('.'))).not.toContain('t.lead.c');
    expect(Object.keys(withoutLead.body.data?.t as object)).toEqual(['binomes']);
  });
});

describe('credentials', () => {
  const query = { query: '{ regions { code } }' };

  it('refuses malformed, expired, wrongly signed and alg:none tokens with coded 401s, and keeps serving', async () => {
    const good = await devToken(['contacts:read']);
    const [header, payload] = good.split('.') as [string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const cases: [string, string][] = [
      ['Bearer not-a-jwt', 'INVALID_TOKEN'],
      ['Basic dXNlcjpwYXNz', 'INVALID_TOKEN'],
      [`Bearer ${await devToken(['contacts:read'], 'agent-1', '-1m')}`, 'TOKEN_EXPIRED'],
      [`Bearer ${header}.${payload}.${'A'.repeat(43)}`, 'INVALID_TOKEN'],
      [`Bearer ${none}`, 'INVALID_TOKEN'],
    ];
    for (const [authorization, code] of cases) {
      const result = await post(graphql, query, { authorization });
      expect([result.status, codeOf(result)], authorization.slice(0, 30)).toEqual([401, code]);
      expect(result.headers.get('www-authenticate')).toContain('Bearer');
    }
    const after = await post(graphql, query, { authorization: `Bearer ${good}` });
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.regions).toHaveLength(18);
  });

  it('refuses an unknown API key with 401 INVALID_API_KEY', async () => {
    const result = await post(graphql, query, { 'x-api-key': 'nope-nope-nope-nope' });
    expect([result.status, codeOf(result)]).toEqual([401, 'INVALID_API_KEY']);
  });
});

describe('subgraphs behind the gateway', () => {
  it('hands the subgraph the caller identity the gateway verified', async () => {
    const anonymous = await post(graphql, { query: '{ whoami { kind subject scopes } }' });
    expect(anonymous.body.data).toEqual({ whoami: { kind: 'anonymous', subject: null, scopes: [] } });
    const agent = await post(
      graphql,
      { query: '{ whoami { kind subject scopes } }' },
      { authorization: `Bearer ${await devToken(['contacts:read', 'drafts:read'], 'agent-7')}` },
    );
    expect(agent.body.data).toEqual({
      whoami: { kind: 'token', subject: 'agent-7', scopes: ['contacts:read', 'drafts:read'] },
    });
    const keyed = await post(
      graphql,
      { query: '{ whoami { kind subject scopes } }' },
      { 'x-api-key': API_KEY },
    );
    expect(keyed.body.data).toEqual({
      whoami: { kind: 'apiKey', subject: 'agence-test', scopes: ['amounts:read'] },
    });
  });

  it('answers 401 to a direct call without the gateway secret or with a forged identity', async () => {
    const body = { query: '{ whoami { kind } }' };
    const bare = await post(`${ledger.url}/graphql`, body);
    expect([bare.status, codeOf(bare)]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = signIdentity({ kind: 'token', subject: 'mallory', scopes: ['admin'] }, 'not-the-secret');
    const withForgery = await post(`${ledger.url}/graphql`, body, { 'x-gateway-secret': SECRET, ...forged });
    expect(withForgery.status).toBe(401);
    const territories = await post(`${stack.services.territories!.url}/graphql`, {
      query: '{ regions { code } }',
    });
    expect(territories.status).toBe(401);
    const genuine = await post(`${ledger.url}/graphql`, body, {
      'x-gateway-secret': SECRET,
      ...signIdentity({ kind: 'anonymous', scopes: [] }, SECRET),
    });
    expect(genuine.body.data).toEqual({ whoami: { kind: 'anonymous' } });
  });

  it('serves /health without credentials on the subgraphs', async () => {
    expect((await call(`${ledger.url}/health`)).status).toBe(200);
  });
});

describe('RS256 tokens', () => {
  let privateKey: KeyLike;
  let otherKey: KeyLike;
  let publicPem: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    otherKey = (await generateKeyPair('RS256')).privateKey;
  });
  const sign = (key: KeyLike, scopes: string[], kid = 'k1') =>
    new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('rs-agent')
      .setIssuer('https://idp.example')
      .setExpirationTime('5m')
      .sign(key);
  const query = { query: '{ whoami { kind subject scopes } }' };

  it('verifies tokens with a public key file and refuses HS256 and foreign keys', async () => {
    const gateway = await startGateway(
      {
        ...stack.env,
        JWT_PUBLIC_KEY_FILE: tempFile('public.pem', publicPem),
        JWT_ISSUER: 'https://idp.example',
        RATE_LIMIT_MAX: '0',
      },
      { supergraphPath: tempFile('s.graphql', composeWithLedger(ledger.url)) },
    );
    try {
      const ok = await post(gateway.graphql, query, {
        authorization: `Bearer ${await sign(privateKey, ['contacts:read'])}`,
      });
      expect(ok.body.data).toEqual({
        whoami: { kind: 'token', subject: 'rs-agent', scopes: ['contacts:read'] },
      });
      const hs = await post(gateway.graphql, query, {
        authorization: `Bearer ${await devToken(['contacts:read'])}`,
      });
      expect([hs.status, codeOf(hs)]).toEqual([401, 'INVALID_TOKEN']);
      const foreign = await post(gateway.graphql, query, {
        authorization: `Bearer ${await sign(otherKey, [])}`,
      });
      expect([foreign.status, codeOf(foreign)]).toEqual([401, 'INVALID_TOKEN']);
    } finally {
      await gateway.stop();
    }
  });

  it('verifies tokens against a JWKS URL', async () => {
    const jwk = { ...(await exportJWK(createPublicKey(publicPem))), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const gateway = await startGateway(
      {
        ...stack.env,
        JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
        RATE_LIMIT_MAX: '0',
      },
      { supergraphPath: tempFile('s.graphql', composeWithLedger(ledger.url)) },
    );
    try {
      const ok = await post(gateway.graphql, query, {
        authorization: `Bearer ${await sign(privateKey, ['drafts:read'])}`,
      });
      expect(ok.body.data).toEqual({
        whoami: { kind: 'token', subject: 'rs-agent', scopes: ['drafts:read'] },
      });
      const unknownKid = await post(gateway.graphql, query, {
        authorization: `Bearer ${await sign(otherKey, [], 'k2')}`,
      });
      expect([unknownKid.status, codeOf(unknownKid)]).toEqual([401, 'INVALID_TOKEN']);
    } finally {
      await gateway.stop();
      jwks.close();
    }
  });
});

describe('browser safety', () => {
  it('answers CORS preflights for configured origins only', async () => {
    const gateway = await startGateway(
      { ...stack.env, CORS_ORIGINS: 'https://dashboard.example', RATE_LIMIT_MAX: '0' },
      { supergraphPath: tempFile('s.graphql', composeWithLedger(ledger.url)) },
    );
    try {
      const preflight = (origin: string) =>
        fetch(gateway.graphql, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization',
          },
        });
      const allowed = await preflight('https://dashboard.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await post(
        gateway.graphql,
        { query: '{ regions { code } }' },
        { origin: 'https://dashboard.example' },
      );
      expect(actual.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
      expect(actual.headers.get('access-control-expose-headers')).toContain('x-cache');
    } finally {
      await gateway.stop();
    }
  });

  it('sends no CORS headers by default', async () => {
    const result = await post(
      graphql,
      { query: '{ regions { code } }' },
      { origin: 'https://dashboard.example' },
    );
    expect(result.headers.get('access-control-allow-origin')).toBeNull();
  });
});
