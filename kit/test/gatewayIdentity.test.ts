// The signed identity header between the gateway and the subgraphs.
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  signIdentity,
  verifyIdentity,
} from '../src/gatewayIdentity.js';

const agent = { kind: 'token' as const, subject: 'agent-1', scopes: ['contacts:read'] };

describe('gateway identity header', () => {
  it('round-trips an identity signed with the shared secret', () => {
    expect(verifyIdentity(signIdentity(agent, 's3cret'), 's3cret')).toEqual(agent);
  });

  it('refuses a wrong signature, a tampered payload and a stale header', () => {
    const signed = signIdentity(agent, 's3cret');
    expect(verifyIdentity(signIdentity(agent, 'other'), 's3cret')).toBeUndefined();
    const tampered = {
      ...signed,
      [IDENTITY_HEADER]: signIdentity({ ...agent, scopes: ['admin'] }, undefined)[IDENTITY_HEADER]!,
    };
    expect(verifyIdentity(tampered, 's3cret')).toBeUndefined();
    const old = signIdentity(agent, 's3cret', Date.now() - 10 * 60_000);
    expect(verifyIdentity(old, 's3cret')).toBeUndefined();
    expect(verifyIdentity({ [IDENTITY_HEADER]: signed[IDENTITY_HEADER] }, 's3cret')).toBeUndefined();
  });

  it('treats a call without identity as anonymous, and trusts unsigned identities only without a secret', () => {
    expect(verifyIdentity({}, 's3cret')).toEqual(ANONYMOUS);
    const unsigned = signIdentity(agent, undefined);
    expect(unsigned[SIGNATURE_HEADER]).toBeUndefined();
    expect(verifyIdentity(unsigned, undefined)).toEqual(agent);
    expect(verifyIdentity(unsigned, 's3cret')).toBeUndefined();
  });
});
