import { describe, expect, it } from 'vitest';
import {
  INSEE_COMMUNE,
  isValidSiren,
  isValidSiret,
  makeSiren,
  makeSiret,
} from '../src/reference/companyIds.ts';

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

  it('makes a Luhn-valid SIRET from a SIREN and four digits', () => {
    expect(makeSiret('120027016', '0035')).toBe('12002701600357');
    for (const nic of ['0001', '0042', '0099']) expect(isValidSiret(makeSiret('200066876', nic))).toBe(true);
    expect(() => makeSiret('12002701', '0035')).toThrow(/9-digit SIREN/);
  });

  it('tells INSEE commune codes, Corsica included, from other codes', () => {
    for (const code of ['51108', '2A004', '97411']) expect(INSEE_COMMUNE.test(code)).toBe(true);
    for (const code of ['5110', '2C004', '511080']) expect(INSEE_COMMUNE.test(code)).toBe(false);
  });
});
