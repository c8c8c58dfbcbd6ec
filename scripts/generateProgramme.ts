// Writes data/programme/programme.json: the illustrative programme dataset on the real geography.
// Deterministic (seeded), so re-running it only changes the file when the generator changes.
// Usage: npx tsx scripts/generateProgramme.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProgramme } from '../tools/programme/generateProgramme.ts';
import { loadGeography } from '../kit/src/reference/geography.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data', 'programme', 'programme.json');
const dataset = generateProgramme(loadGeography(join(root, 'data', 'geo')));
mkdirSync(dirname(out), { recursive: true });
const text = `${JSON.stringify(dataset, null, 2)}\n`;
writeFileSync(out, text);
const phase2 = dataset.territories.filter((t) => t.phases.includes(2)).length;
console.log(
  `wrote ${out}: ${dataset.territories.length} territories (${phase2} in phase 2), ${(text.length / 1e6).toFixed(2)} MB`,
);
