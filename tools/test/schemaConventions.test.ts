// What analysts and partners rely on in the published graph: every type and field the gateway
// serves has a description (GraphiQL's docs), and every registered subgraph passes `schema:check`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { readSupergraphConfig, SUPERGRAPH_FILE } from '../composition.js';
import { apiSchemaOf } from '../schemaCheck/apiSchema.js';
import { formatFinding } from '../schemaCheck/findings.js';
import { runSchemaCheck } from '../schemaCheck/schemaCheck.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

describe('the published graph', () => {
  it('describes every type and field the gateway serves', () => {
    const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const undescribed: string[] = [];
    for (const [name, type] of Object.entries(schema.getTypeMap())) {
      if (name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!ROOT_TYPES.has(name) && !type.description?.trim()) undescribed.push(name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const [fieldName, field] of Object.entries(type.getFields())) {
          if (!field.description?.trim()) undescribed.push(`${name}.${fieldName}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });

  for (const { name } of readSupergraphConfig()) {
    it(`passes schema:check for subgraph ${name}`, async () => {
      const report = await runSchemaCheck({ name });
      expect(report.findings.filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
      expect(report.changes.breaking).toBe(0);
    });
  }
});
