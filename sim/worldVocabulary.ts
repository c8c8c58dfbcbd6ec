// The vocabulary the shared simulated world draws from: industrial sectors (real NAF codes and
// the ROME jobs they recruit for) and the words company names are made of. Illustrative.

/** An industrial sector of the simulated companies. */
export interface Sector {
  id: string;
  label: string;
  nafCode: string;
  nafLabel: string;
  /** ROME codes of the jobs such a company advertises. */
  romeCodes: readonly string[];
  /** Name patterns: {N} a family name, {C} the commune. */
  namePatterns: readonly string[];
}

export const SECTORS: readonly Sector[] = [
  {
    id: 'metallurgie',
    label: 'Métallurgie et travail des métaux',
    nafCode: '25.62B',
    nafLabel: 'Mécanique industrielle',
    romeCodes: ['H2903', 'H2913', 'H2902', 'H2909', 'I1310', 'H1404', 'H1506'],
    namePatterns: ['Mécanique de précision de {C}', '{N} Usinage', 'Ateliers {N}', 'Chaudronnerie {N}'],
  },
  {
    id: 'agroalimentaire',
    label: 'Industrie agroalimentaire',
    nafCode: '10.89Z',
    nafLabel: "Fabrication d'autres produits alimentaires n.c.a.",
    romeCodes: ['H2102', 'H3301', 'H3302', 'I1304', 'H1502', 'N1103'],
    namePatterns: ['Conserverie de {C}', '{N} Alimentaire', 'Moulins {N}', 'Biscuiterie {N}'],
  },
  {
    id: 'chimie',
    label: 'Chimie et bioraffinerie',
    nafCode: '20.14Z',
    nafLabel: "Fabrication d'autres produits chimiques organiques de base",
    romeCodes: ['H2301', 'H1503', 'H1302', 'I1304', 'H1206'],
    namePatterns: ['Bioraffinerie de {C}', '{N} Chimie', 'Agro-Industries {N}'],
  },
  {
    id: 'plasturgie',
    label: 'Plasturgie et composites',
    nafCode: '22.29A',
    nafLabel: 'Fabrication de pièces techniques à base de matières plastiques',
    romeCodes: ['H3201', 'H3203', 'H2912', 'H3302', 'I1310'],
    namePatterns: ['Plastiques {N}', '{N} Composites', 'Injection de {C}'],
  },
  {
    id: 'bois',
    label: 'Industrie du bois',
    nafCode: '16.23Z',
    nafLabel: "Fabrication de charpentes et d'autres menuiseries",
    romeCodes: ['H2201', 'H2206', 'N1101', 'H3404'],
    namePatterns: ['Menuiseries {N}', 'Scierie de {C}', 'Bois {N} et Fils'],
  },
  {
    id: 'electrique',
    label: 'Équipements électriques',
    nafCode: '27.12Z',
    nafLabel: 'Fabrication de matériel de distribution et de commande électrique',
    romeCodes: ['H2602', 'H2604', 'I1309', 'H1203', 'H2504'],
    namePatterns: ['{N} Électrotechnique', 'Tableaux électriques de {C}', '{N} Systèmes'],
  },
  {
    id: 'logistique',
    label: 'Logistique industrielle',
    nafCode: '52.10B',
    nafLabel: 'Entreposage et stockage non frigorifique',
    romeCodes: ['N1103', 'N1101', 'N4101', 'H1401'],
    namePatterns: ['Transports {N}', 'Logistique de {C}', '{N} Entreposage'],
  },
  {
    id: 'vins',
    label: 'Vins effervescents',
    nafCode: '11.02A',
    nafLabel: 'Fabrication de vins effervescents',
    romeCodes: ['A1401', 'H2102', 'H3301', 'N1103', 'H1102'],
    namePatterns: ['Champagne {N}', 'Maison {N}', 'Caves de {C}'],
  },
  {
    id: 'siderurgie',
    label: 'Sidérurgie et fonderie',
    nafCode: '24.10Z',
    nafLabel: 'Sidérurgie',
    romeCodes: ['H2907', 'I1310', 'H2503', 'H2502'],
    namePatterns: ['Fonderie de {C}', 'Aciéries {N}', '{N} Métal'],
  },
];

export const FAMILY_NAMES: readonly string[] = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefevre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Perrin',
];
