// Classifies what changes between two API schemas: breaking and dangerous changes as graphql-js
// defines them, plus the safe ones (additions, stricter outputs, deprecations, descriptions).
import {
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  getNullableType,
  BreakingChangeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** How a change affects existing clients. */
export type ChangeClass = 'breaking' | 'dangerous' | 'safe';

/** One difference between the current and the candidate API schema. */
export interface SchemaChange {
  class: ChangeClass;
  /** graphql-js change type, or one of ours for safe changes (`TYPE_ADDED`, `FIELD_ADDED`, …). */
  type: string;
  /** Schema coordinate the change is about. */
  coordinate: string;
  message: string;
  /** True when the coordinate only exists in the old schema (removals). */
  removed: boolean;
}

/** Lists every change from `before` to `after`, breaking first. */
export function diffSchemas(before: GraphQLSchema, after: GraphQLSchema): SchemaChange[] {
  const breaking = findBreakingChanges(before, after).map((c) => toChange('breaking', c.type, c.description));
  const dangerous = findDangerousChanges(before, after).map((c) =>
    toChange('dangerous', c.type, c.description),
  );
  const safe = findSafeChanges(before, after);
  hintRenames(before, after, breaking, [...dangerous, ...safe]);
  return [...breaking, ...dangerous, ...safe];
}

function toChange(cls: ChangeClass, type: string, description: string): SchemaChange {
  const removed = /REMOVED/.test(type) && type !== BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED;
  return { class: cls, type, coordinate: coordinateOf(type, description), message: description, removed };
}

/** Reads the schema coordinate out of a graphql-js change description (graphql 16 wording). */
export function coordinateOf(type: string, description: string): string {
  const directive = type.startsWith('DIRECTIVE_') || type === BreakingChangeType.REQUIRED_DIRECTIVE_ARG_ADDED;
  const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^A (?:required|optional) field (\w+) on input type (\w+)/, (m) => `${m[2]}.${m[1]}`],
    [/^A (?:required|optional) arg (\w+) on directive (\w+)/, (m) => `@${m[2]}(${m[1]}:)`],
    [/^A (?:required|optional) arg (\w+) on (\w+)\.(\w+)/, (m) => `${m[2]}.${m[3]}(${m[1]}:)`],
    [/^(\w+)\.(\w+) arg (\w+) /, (m) => `${m[1]}.${m[2]}(${m[3]}:)`],
    [/^(\w+)\.(\w+) /, (m) => `${m[1]}.${m[2]}`],
    [/^(\w+) was (?:added to|removed from) enum type (\w+)/, (m) => `${m[2]}.${m[1]}`],
    [/^(\w+) was (?:added to|removed from) union type (\w+)/, (m) => m[2] ?? ''],
    [/^(\w+) added to interfaces implemented by (\w+)/, (m) => m[2] ?? ''],
    [/^(\w+) no longer implements/, (m) => m[1] ?? ''],
    [/^Standard scalar (\w+)/, (m) => m[1] ?? ''],
    [/^(?:\w+|Repeatable flag) was removed from (\w+)/, (m) => `@${m[1]}`],
    [/^(\w+)/, (m) => `${directive ? '@' : ''}${m[1]}`],
  ];
  for (const [pattern, build] of patterns) {
    const match = description.match(pattern);
    if (match) return build(match);
  }
  return '';
}

function findSafeChanges(before: GraphQLSchema, after: GraphQLSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const safe = (type: string, coordinate: string, message: string) =>
    changes.push({ class: 'safe', type, coordinate, message, removed: false });
  const oldTypes = before.getTypeMap();
  for (const [name, newType] of Object.entries(after.getTypeMap())) {
    if (name.startsWith('__') || isSpecifiedScalarType(newType)) continue;
    const oldType = oldTypes[name];
    if (!oldType) {
      safe('TYPE_ADDED', name, `${name} was added.`);
      continue;
    }
    if ((oldType.description ?? '') !== (newType.description ?? '')) {
      safe('DESCRIPTION_CHANGED', name, `The description of ${name} changed.`);
    }
    if (
      (isObjectType(newType) || isInterfaceType(newType)) &&
      (isObjectType(oldType) || isInterfaceType(oldType))
    ) {
      const oldFields = oldType.getFields();
      for (const [fieldName, field] of Object.entries(newType.getFields())) {
        const oldField = oldFields[fieldName];
        if (!oldField) safe('FIELD_ADDED', `${name}.${fieldName}`, `${name}.${fieldName} was added.`);
        else compareField(`${name}.${fieldName}`, oldField, field, safe);
      }
    }
    if (isEnumType(newType) && isEnumType(oldType)) {
      for (const value of newType.getValues()) {
        const oldValue = oldType.getValue(value.name);
        if (oldValue && !oldValue.deprecationReason && value.deprecationReason) {
          safe(
            'VALUE_DEPRECATED',
            `${name}.${value.name}`,
            `${name}.${value.name} was deprecated: ${value.deprecationReason}`,
          );
        }
      }
    }
    if (isInputObjectType(newType) && isInputObjectType(oldType)) {
      const oldFields = oldType.getFields();
      for (const [fieldName, field] of Object.entries(newType.getFields())) {
        const oldField = oldFields[fieldName];
        if (oldField && isNonNullType(oldField.type) && !isNonNullType(field.type)) {
          safe('INPUT_FIELD_OPTIONAL', `${name}.${fieldName}`, `${name}.${fieldName} is no longer required.`);
        }
      }
    }
  }
  return changes;
}

function compareField(
  coordinate: string,
  before: GraphQLField<unknown, unknown>,
  after: GraphQLField<unknown, unknown>,
  safe: (type: string, coordinate: string, message: string) => void,
): void {
  // A nullable output that becomes non-null never surprises a client; graphql-js says nothing of it.
  if (
    !isNonNullType(before.type) &&
    isNonNullType(after.type) &&
    String(getNullableType(after.type)) === String(before.type)
  ) {
    safe(
      'FIELD_NOW_NON_NULL',
      coordinate,
      `${coordinate} changed type from ${String(before.type)} to ${String(after.type)}.`,
    );
  }
  if (!before.deprecationReason && after.deprecationReason) {
    safe('FIELD_DEPRECATED', coordinate, `${coordinate} was deprecated: ${after.deprecationReason}`);
  }
  if ((before.description ?? '') !== (after.description ?? '')) {
    safe('DESCRIPTION_CHANGED', coordinate, `The description of ${coordinate} changed.`);
  }
  for (const arg of after.args) {
    const oldArg = before.args.find((a) => a.name === arg.name);
    if (
      oldArg &&
      isNonNullType(oldArg.type) &&
      !isNonNullType(arg.type) &&
      String(getNullableType(oldArg.type)) === String(arg.type)
    ) {
      safe(
        'ARG_NOW_OPTIONAL',
        `${coordinate}(${arg.name}:)`,
        `${coordinate} arg ${arg.name} is no longer required.`,
      );
    }
  }
}

/**
 * A removal next to an addition of the same shape is most likely a rename: say so on the removal,
 * since a rename breaks clients exactly like a removal.
 */
function hintRenames(
  before: GraphQLSchema,
  after: GraphQLSchema,
  breaking: SchemaChange[],
  others: SchemaChange[],
): void {
  for (const change of breaking) {
    const renamed = renameTarget(before, after, change, others);
    if (!renamed) continue;
    change.message = `${change.message.replace(/\.$/, '')} — renamed to ${renamed}? A rename breaks clients like a removal.`;
    change.type = change.type.replace(/_REMOVED(_FROM_ENUM)?$/, '_RENAMED');
  }
}

function renameTarget(
  before: GraphQLSchema,
  after: GraphQLSchema,
  change: SchemaChange,
  others: SchemaChange[],
): string | undefined {
  const parentOf = (coordinate: string) => coordinate.slice(0, Math.max(0, coordinate.lastIndexOf('.')));
  const parent = parentOf(change.coordinate);
  const member = change.coordinate.slice(parent.length + 1);
  let candidates: string[] = [];
  if (change.type === BreakingChangeType.FIELD_REMOVED) {
    const oldType = before.getType(parent);
    const oldField =
      oldType && (isObjectType(oldType) || isInterfaceType(oldType))
        ? oldType.getFields()[member]
        : undefined;
    const newType = after.getType(parent);
    if (!oldField || !newType || !(isObjectType(newType) || isInterfaceType(newType))) return undefined;
    const fields = newType.getFields();
    candidates = others
      .filter((c) => c.type === 'FIELD_ADDED' && parentOf(c.coordinate) === parent)
      .filter((c) => String(fields[c.coordinate.slice(parent.length + 1)]?.type) === String(oldField.type))
      .map((c) => c.coordinate);
  } else if (change.type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM) {
    candidates = others
      .filter((c) => c.type === 'VALUE_ADDED_TO_ENUM' && parentOf(c.coordinate) === parent)
      .map((c) => c.coordinate);
  } else if (change.type === BreakingChangeType.TYPE_REMOVED) {
    const oldType = before.getType(change.coordinate);
    candidates = others
      .filter((c) => c.type === 'TYPE_ADDED')
      .filter((c) => {
        const newType = after.getType(c.coordinate);
        return oldType && newType && shapeOf(oldType) === shapeOf(newType);
      })
      .map((c) => c.coordinate);
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Kind plus member names: two types with the same shape differ by name only. */
function shapeOf(type: GraphQLNamedType): string {
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const kind = isObjectType(type) ? 'object' : isInterfaceType(type) ? 'interface' : 'input';
    return `${kind}:${Object.keys(type.getFields()).sort().join(',')}`;
  }
  if (isEnumType(type))
    return `enum:${type
      .getValues()
      .map((v) => v.name)
      .sort()
      .join(',')}`;
  return `other:${type.name}`;
}
