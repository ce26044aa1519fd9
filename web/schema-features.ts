// What the web app may ask of the API, read from schema.graphql when the app is built: the
// app is served by the server of the same checkout, so the schema it was built from is the
// one it talks to (introspection is off in production, so the browser cannot ask).
import fs from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';

export interface MutationShape {
  /** Its input type's name, for the operation's variable. */
  inputType: string;
  /** Its input type's fields: name, named type, required. */
  input: { name: string; type: string; required: boolean }[];
}

export interface SchemaFeatures {
  /** MatchResult.verdict exists (issue 10). */
  verdict: boolean;
  /** MatchResult.id exists: feedback names the match by it. */
  matchId: boolean;
  confirmMatch: MutationShape | null;
  markNewItem: MutationShape | null;
}

function mutationShape(schema: GraphQLSchema, name: string): MutationShape | null {
  const field = schema.getMutationType()?.getFields()[name];
  const input = field?.args.find((a) => a.name === 'input');
  const type = input && getNamedType(input.type);
  if (!type || !isInputObjectType(type)) return null;
  return {
    inputType: type.name,
    input: Object.values(type.getFields()).map((f) => ({ name: f.name, type: getNamedType(f.type).name, required: isNonNullType(f.type) && f.defaultValue === undefined })),
  };
}

export function schemaFeatures(schemaFile: string): SchemaFeatures {
  return featuresOf(fs.readFileSync(schemaFile, 'utf8'));
}

export function featuresOf(sdl: string): SchemaFeatures {
  const schema = buildSchema(sdl);
  const result = schema.getType('MatchResult');
  const fields = result && isObjectType(result) ? result.getFields() : {};
  return {
    verdict: 'verdict' in fields,
    matchId: 'id' in fields,
    confirmMatch: mutationShape(schema, 'confirmMatch'),
    markNewItem: mutationShape(schema, 'markNewItem'),
  };
}
