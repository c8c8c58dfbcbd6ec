// Scalars every subgraph declares the same way: money in euros exact to the cent, ISO dates.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { CodedError, ErrorCode } from './errors.js';

/** Rounds a number of euros to the cent, failing on anything that is not a finite number. */
export function toEuros(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CodedError(
      ErrorCode.BAD_USER_INPUT,
      `Euros must be a finite number; got ${JSON.stringify(value)}.`,
    );
  }
  return Math.round(value * 100) / 100;
}

/** Adds amounts in euros through integer cents, so sums of cents never drift. */
export function sumEuros(values: Iterable<number>): number {
  let cents = 0;
  for (const value of values) cents += Math.round(value * 100);
  return cents / 100;
}

function literalNumber(ast: ValueNode): number {
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
  throw new CodedError(ErrorCode.BAD_USER_INPUT, 'Euros literal must be a number.');
}

export const EurosScalar = new GraphQLScalarType({
  name: 'Euros',
  description: 'An amount in euros, exact to the cent, as a JSON number.',
  serialize: toEuros,
  parseValue: toEuros,
  parseLiteral: (ast) => toEuros(literalNumber(ast)),
});

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Keeps the date part of an ISO 8601 date or date-time; fails on anything else. */
export function toIsoDate(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text === 'string') {
    const date = text.slice(0, 10);
    if (ISO_DATE.test(date)) return date;
  }
  throw new CodedError(
    ErrorCode.BAD_USER_INPUT,
    `Date must be ISO 8601 (YYYY-MM-DD); got ${JSON.stringify(value)}.`,
  );
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date in ISO 8601 form (YYYY-MM-DD).',
  serialize: toIsoDate,
  parseValue: toIsoDate,
  parseLiteral: (ast) => toIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Normalises an ISO 8601 date-time (or a Date) to its UTC form; fails on anything else. */
export function toIsoDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new CodedError(
      ErrorCode.BAD_USER_INPUT,
      `DateTime must be ISO 8601 (YYYY-MM-DDTHH:MM:SSZ); got ${JSON.stringify(value)}.`,
    );
  }
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 form, in UTC (YYYY-MM-DDTHH:MM:SS.sssZ).',
  serialize: toIsoDateTime,
  parseValue: toIsoDateTime,
  parseLiteral: (ast) => toIsoDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
