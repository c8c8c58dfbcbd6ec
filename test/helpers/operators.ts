// The assertion every "upstream down" test shares: one operator null with errors naming it,
// every other operator answered.
import { expect } from 'vitest';

/** How a test names one operator: its Territory field, its id in errors, its label in messages. */
export interface OperatorUnderTest {
  field: string;
  id: string;
  label: string;
}

interface PictureBody<T extends object> {
  data?: { territory?: T | null } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Asserts that only `missing` failed in `body`: null there, UPSTREAM_UNAVAILABLE errors naming it, the others present. */
export function expectOnlyOperatorDown<T extends object>(
  body: PictureBody<T>,
  operators: readonly OperatorUnderTest[],
  missing: OperatorUnderTest,
): void {
  const territory = new Map<string, unknown>(Object.entries(body.data!.territory!));
  expect(territory.get(missing.field)).toBeNull();
  for (const other of operators.filter((o) => o !== missing))
    expect(territory.get(other.field), other.field).not.toBeNull();
  const errors = body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.path?.[1]).toBe(missing.field);
    expect(error.message).toContain(missing.label);
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: missing.id });
  }
}
