// The axis of a Caisse des Dépôts subsidy, read from the words of its object.
import { describe, expect, it } from 'vitest';
import { axisOfSubsidy } from '../src/axes.js';

describe('axisOfSubsidy', () => {
  it.each([
    // The recorded object of the real dataset (kit/test/mirror/fixtures).
    ['ETUDE "IMPACTS DE LA TRANSITION AGRICOLE ET ALIMENTAIRE SUR L’EMPLOI"', 'TRANSITION_ECOLOGIQUE'],
    ['Programme de formation aux métiers de l’industrie', 'COMPETENCES'],
    ['ACCOMPAGNEMENT DE L’INNOVATION DES ENTREPRISES', 'INNOVATION'],
    ['ETUDE DE RECONVERSION DE LA FRICHE INDUSTRIELLE DE VITRY', 'FONCIER'],
    ['ETUDE DE PROGRAMMATION D’UN EQUIPEMENT CULTUREL', null],
    [null, null],
  ])('reads %j as %s', (objet, axis) => {
    expect(axisOfSubsidy(objet)).toBe(axis);
  });
});
