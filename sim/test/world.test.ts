// The shared world: the same companies on every load, real-format identifiers, real communes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret } from '../../kit/src/reference/companyIds.js';
import type { ProgrammeDataset } from '../../kit/src/reference/programme.js';
import { loadWorld } from '../world.js';

const world = loadWorld();

describe('the simulated world', () => {
  it('gives every company a valid SIREN and every establishment a valid SIRET of that SIREN', () => {
    expect(world.companies.length).toBeGreaterThan(1_000);
    for (const company of world.companies) {
      expect(isValidSiren(company.siren), company.siren).toBe(true);
      for (const establishment of company.establishments) {
        expect(isValidSiret(establishment.siret), establishment.siret).toBe(true);
        expect(establishment.siret.startsWith(company.siren)).toBe(true);
      }
    }
  });

  it("places every establishment in a commune of its company's territory", () => {
    for (const company of world.companies) {
      const territory = world.territoryById.get(company.territoryId)!;
      for (const establishment of company.establishments) {
        expect(territory.communeCodes).toContain(establishment.commune.code);
      }
    }
  });

  it("includes the companies of the programme's binômes under their own SIREN and name", () => {
    const programme = JSON.parse(readFileSync('data/programme/programme.json', 'utf8')) as ProgrammeDataset;
    const binome = programme.territories.find((t) => t.id === 'ti-4405')!.binomes[0]!;
    expect(world.companyBySiren.get(binome.companySiren)).toMatchObject({
      name: binome.companyName,
      binome: true,
    });
  });

  it('builds the same world from a fresh read of the same files', () => {
    // Relative paths make a different cache key, so this builds a second world from scratch.
    const other = loadWorld({ programmeFile: 'data/programme/programme.json', geoDir: 'data/geo' });
    expect(other).not.toBe(world);
    expect(other.companies.map((c) => [c.siren, c.name, c.establishments.map((e) => e.siret)])).toEqual(
      world.companies.map((c) => [c.siren, c.name, c.establishments.map((e) => e.siret)]),
    );
  });
});
