// schema.graphql describes itself: every type, field, argument and enum value has a
// description; every object and input type, and every root field, names the role it needs
// (a type's fields need its role). The running server introspects the same text.
import fs from 'node:fs';
import { buildSchema, getIntrospectionQuery, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, type GraphQLNamedType } from 'graphql';
import { SCHEMA_PATH } from '../src/graphql/apollo';
import { startTestApp } from './helpers/app';

const schema = buildSchema(fs.readFileSync(SCHEMA_PATH, 'utf8'));
const own = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name));
const ROLE = /Role: (WAREHOUSE|MERCHANDISER|ADMIN|that of the mutation)/;

function undescribed(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  if (!type.description?.trim()) missing.push(type.name);
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

test('every type, field, argument and enum value has a description', () => {
  expect(own.flatMap(undescribed)).toEqual([]);
});

test('every object and input type, and every root field, names the role it needs', () => {
  const roots = [schema.getQueryType()!, schema.getMutationType()!];
  const types = own.filter((t) => (isObjectType(t) || isInputObjectType(t)) && !roots.includes(t as never));
  expect(types.filter((t) => !ROLE.test(t.description ?? '')).map((t) => t.name)).toEqual([]);
  const fields = roots.flatMap((root) => Object.values(root.getFields()).map((f) => [`${root.name}.${f.name}`, f.description ?? ''] as const));
  expect(fields.filter(([, d]) => !ROLE.test(d)).map(([name]) => name)).toEqual([]);
});

test('every mutation but matchSnapshot takes one input and answers a payload with userErrors', () => {
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    if (field.name === 'matchSnapshot') continue;
    expect([field.name, field.args.map((a) => a.name)]).toEqual([field.name, ['input']]);
    const payload = schema.getType(`${field.name[0].toUpperCase()}${field.name.slice(1)}Payload`);
    expect(isObjectType(payload) && String(payload.getFields().userErrors?.type)).toBe('[UserError!]!');
    expect(String(field.type)).toBe(`${payload!.name}!`);
  }
});

test('enum values are SCREAMING_CASE', () => {
  const values = own.filter(isEnumType).flatMap((e) => e.getValues().map((v) => v.name));
  expect(values.filter((v) => !/^[A-Z][A-Z0-9_]*$/.test(v))).toEqual([]);
});

test('the running server introspects the descriptions and @specifiedBy of schema.graphql, scalars included', async () => {
  const t = await startTestApp();
  try {
    const res = await t.gql(getIntrospectionQuery({ specifiedByUrl: true }));
    // The whole standard introspection answers (an object default of a custom scalar could not be printed).
    expect(res.body.errors).toBeUndefined();
    const types = new Map<string, any>(res.body.data.__schema.types.map((type: any) => [type.name, type]));
    for (const type of own.filter(isScalarType)) {
      expect([type.name, types.get(type.name).description, types.get(type.name).specifiedByURL ?? undefined]).toEqual([type.name, type.description, type.specifiedByURL ?? undefined]);
    }
    expect(types.get('CatalogueItem').fields.find((f: any) => f.name === 'sku').description).toBe(schema.getType('CatalogueItem') && (schema.getType('CatalogueItem') as any).getFields().sku.description);
  } finally {
    await t.close();
  }
});
