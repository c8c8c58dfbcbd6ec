// The ROME v3 job codes the graph knows (a snapshot of France Travail's "référentiel métiers" for
// industry, maintenance, logistics and support jobs). The france-travail subgraph refuses a code
// outside it with UNKNOWN_ROME_CODE before any upstream call; the simulator serves offers on these
// codes and refuses the others with a 400, as the real API does.

/** ROME code → label. */
export const ROME_LABELS: ReadonlyMap<string, string> = new Map([
  ['A1401', 'Aide agricole de production fruitière ou viticole'],
  ['H1101', 'Assistance et support technique client'],
  ['H1102', "Management et ingénierie d'affaires"],
  ['H1203', 'Conception et dessin produits mécaniques'],
  ['H1206', 'Management et ingénierie études, recherche et développement industriel'],
  ['H1302', 'Management et ingénierie Hygiène Sécurité Environnement -HSE- industriels'],
  ['H1401', 'Management et ingénierie gestion industrielle et logistique'],
  ['H1404', 'Intervention technique en méthodes et industrialisation'],
  ['H1502', 'Management et ingénierie qualité industrielle'],
  ['H1503', "Intervention technique en laboratoire d'analyse industrielle"],
  ['H1506', 'Intervention technique qualité en mécanique et travail des métaux'],
  ['H2102', "Conduite d'équipement de production alimentaire"],
  ['H2201', "Assemblage d'ouvrages en bois"],
  ['H2206', 'Réalisation de menuiserie bois et tableterie'],
  ['H2301', "Conduite d'équipement de production chimique ou pharmaceutique"],
  ['H2502', 'Management et ingénierie de production'],
  ['H2503', "Pilotage d'unité élémentaire de production mécanique ou de travail des métaux"],
  ['H2504', "Encadrement d'équipe en industrie de transformation"],
  ['H2602', 'Câblage électrique et électromécanique'],
  ['H2604', 'Montage de produits électriques et électroniques'],
  ['H2901', 'Ajustement et montage de fabrication'],
  ['H2902', 'Chaudronnerie - tôlerie'],
  ['H2903', "Conduite d'équipement d'usinage"],
  ['H2907', "Conduite d'installation de production des métaux"],
  ['H2909', 'Montage-assemblage mécanique'],
  ['H2912', "Réglage d'équipement de production industrielle"],
  ['H2913', 'Soudage manuel'],
  ['H3201', "Conduite d'équipement de formage des plastiques et caoutchoucs"],
  ['H3203', 'Fabrication de pièces en matériaux composites'],
  ['H3301', "Conduite d'équipement de conditionnement"],
  ['H3302', "Opérations manuelles d'assemblage, tri ou emballage"],
  ['H3404', 'Peinture industrielle'],
  ['I1304', "Installation et maintenance d'équipements industriels et d'exploitation"],
  ['I1309', 'Maintenance électrique'],
  ['I1310', 'Maintenance mécanique industrielle'],
  ['I1401', 'Maintenance informatique et bureautique'],
  ['M1203', 'Comptabilité'],
  ['M1607', 'Secrétariat'],
  ['N1101', "Conduite d'engins de déplacement des charges"],
  ['N1103', 'Magasinage et préparation de commandes'],
  ['N4101', 'Conduite de transport de marchandises sur longue distance'],
]);

/** The shape of a ROME v3 code: one letter, four digits. */
export const ROME_CODE_FORMAT = /^[A-N]\d{4}$/;
