// Places an APEC offer in a commune: APEC writes "City - department", never an INSEE code, so the
// city is matched by name within its department (accents, case, hyphens and apostrophes aside).
// A name that matches no commune, or several, stays unplaced and is counted, never guessed.

/** What the locator needs of a commune. */
export interface NamedCommune {
  code: string;
  name: string;
  departmentCode: string;
}

/** Finds INSEE commune codes by name within a department. */
export class CommuneLocator {
  private readonly byName = new Map<string, string | null>();

  constructor(communes: Iterable<NamedCommune>) {
    for (const commune of communes) {
      const key = keyOf(commune.name, commune.departmentCode);
      // Two communes of one department with the same name: ambiguous, so unplaceable.
      this.byName.set(key, this.byName.has(key) ? null : commune.code);
    }
  }

  /** The commune's INSEE code, or null when no single commune of the department has that name. */
  locate(city: string, departmentCode: string): string | null {
    return this.byName.get(keyOf(city, departmentCode)) ?? null;
  }
}

function keyOf(name: string, departmentCode: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return `${departmentCode}|${plain}`;
}
