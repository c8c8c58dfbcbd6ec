import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, makeSiren } from '../src/reference/companyIds.ts';

describe('siren', () => {
  it('accepts real SIRENs and rejects a changed digit', () => {
    // CA de Châlons-en-Champagne and CU du Grand Reims (BANATIC).
    expect(isValidSiren('200066876')).toBe(true);
    expect(isValidSiren('200067213')).toBe(true);
    expect(isValidSiren('200067214')).toBe(false);
  });

  it('rejects anything that is not exactly nine digits', () => {
    expect(isValidSiren('20006687')).toBe(false);
    expect(isValidSiren('2000668760')).toBe(false);
    expect(isValidSiren('20006687a')).toBe(false);
  });

  it('makes a valid SIREN from any eight digits', () => {
    for (const base of ['00000000', '12345678', '99999999', '20006687']) {
      const siren = makeSiren(base);
      expect(siren.startsWith(base)).toBe(true);
      expect(isValidSiren(siren)).toBe(true);
    }
    expect(makeSiren('20006687')).toBe('200066876');
  });

  it('refuses a base that is not eight digits', () => {
    expect(() => makeSiren('1234567')).toThrow(/8 digits/);
  });

  it('checks SIRETs with Luhn and La Poste with the digit-sum rule', () => {
    // A Luhn-valid SIRET of SIREN 120027016 (Insee), then its last digit changed.
    expect(isValidSiret('12002701600357')).toBe(true);
    expect(isValidSiret('12002701600358')).toBe(false);
    // La Poste's head office is the one Luhn-valid exception; the others use the digit sum.
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('1200270160035')).toBe(false);
  });
});
