// The territorial actors and the stated envelope: names from the real region list, the steering
// region first, the application link the programme gives, contacts that cannot pass for real.
import { describe, expect, it } from 'vitest';
import { envelopeFor, NATIONAL_ENVELOPE } from '../src/fondsVertEnvelope.js';
import { etatGeography } from '../src/server.js';
import { FONCIER_INDUSTRIEL_APPLICATION_URL, territorialActors } from '../src/territorialActors.js';

const geography = etatGeography();

describe('territorial actors', () => {
  it('names the préfecture de région and the regional council of a Grand Est territory, with the seed’s link', () => {
    const actors = territorialActors(geography, 'ti-4411', ['51']);
    expect(actors.map((a) => [a.kind, a.name, a.regionCode, a.steeringRegion])).toEqual([
      ['PREFECTURE_DE_REGION', 'Préfecture de la région Grand Est', '44', true],
      ['CONSEIL_REGIONAL', 'Conseil régional du Grand Est', '44', true],
    ]);
    expect(actors[0]!.seatCommuneName).toBe('Strasbourg');
    expect(actors[0]!.roles).toContain('FONDS_VERT');
    expect(actors[1]!.roles).not.toContain('FONDS_VERT');
    for (const actor of actors)
      expect(actor.applications).toEqual([
        expect.objectContaining({ role: 'FONCIER_INDUSTRIEL', url: FONCIER_INDUSTRIEL_APPLICATION_URL }),
      ]);
    expect(FONCIER_INDUSTRIEL_APPLICATION_URL).toBe(
      'http://www.demarches-simplifiees.fr/commencer/candidature-foncier-industriel',
    );
  });

  it('adds the bodies of every other region the departments reach, after the steering one', () => {
    // A territory steered from Grand Est (44) with a commune in the Aisne (02, Hauts-de-France).
    const actors = territorialActors(geography, 'ti-4499', ['51', '02']);
    expect(actors.map((a) => `${a.regionCode}:${a.steeringRegion}`)).toEqual([
      '44:true',
      '44:true',
      '32:false',
      '32:false',
    ]);
    expect(actors[3]!.name).toBe('Conseil régional des Hauts-de-France');
  });

  it('names all 18 regions’ bodies correctly, overseas and Corsica included', () => {
    const names = new Map<string, string>();
    for (const region of geography.regions.values()) {
      const [prefecture, council] = territorialActors(geography, `ti-${region.code}01`, []);
      expect(prefecture!.name).toBe(`Préfecture de la région ${region.name}`);
      names.set(region.code, council!.name);
    }
    expect(names.size).toBe(18);
    expect(Object.fromEntries(names)).toMatchObject({
      '11': 'Conseil régional d’Île-de-France',
      '24': 'Conseil régional du Centre-Val de Loire',
      '28': 'Conseil régional de Normandie',
      '52': 'Conseil régional des Pays de la Loire',
      '75': 'Conseil régional de la Nouvelle-Aquitaine',
      '76': 'Conseil régional d’Occitanie',
      '04': 'Conseil régional de La Réunion',
      '02': 'Collectivité territoriale de Martinique',
      '94': 'Collectivité de Corse',
    });
  });

  it('gives contacts that cannot be taken for real ones, the same on every call', () => {
    const [a, b] = [
      territorialActors(geography, 'ti-4411', ['51']),
      territorialActors(geography, 'ti-4411', ['51']),
    ];
    expect(a[0]!.contact).toEqual(b[0]!.contact);
    for (const actor of a) {
      expect(actor.contact.illustrative).toBe(true);
      expect(actor.contact.id).toMatch(/^ILLUSTRATIF-/);
      expect(actor.contact.email).toMatch(/\.invalid$/);
      expect(actor.contact.name).toContain('(illustratif)');
    }
  });
});

describe('the Fonds Vert envelope "Territoires d’industrie en transition écologique"', () => {
  it('states the national 100 M€ and Grand Est’s 7.9 M€ with their source, and no consumption it cannot compute', () => {
    const grandEst = envelopeFor('44');
    expect(grandEst).toMatchObject({
      year: 2024,
      nationalAmount: NATIONAL_ENVELOPE,
      regionAmount: 7_900_000,
    });
    expect(NATIONAL_ENVELOPE).toBe(100_000_000);
    expect(grandEst.committed).toBeNull();
    expect(grandEst.consumptionPercent).toBeNull();
    expect(grandEst.consumptionNote).toMatch(/2023/);
    expect(grandEst.statedBy.illustrative).toBe(false);
    expect(envelopeFor('53').regionAmount).toBeNull();
  });
});
