// The schema's custom scalars: graphql-scalars' well-kept ones, and Upload, which only a
// file from a multipart request can fill.
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';
import { UploadedFile } from '../upload';

export const UploadScalar = new GraphQLScalarType({
  name: 'Upload',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar');
  },
  parseValue: (value) => {
    if (value instanceof UploadedFile) return value;
    throw new GraphQLError('Upload values must be files sent as a multipart request (GraphQL multipart request spec)');
  },
  parseLiteral: () => {
    throw new GraphQLError('Upload values must be files sent as a multipart request, not literals');
  },
});

/**
 * A scalar's behaviour only. graphql-tools copies every property of a GraphQLScalarType
 * over the schema's, so the descriptions and @specifiedBy of schema.graphql would be
 * replaced by graphql-scalars' own (or by nothing).
 */
function behaviour(scalar: GraphQLScalarType): GraphQLScalarType {
  const { serialize, parseValue, parseLiteral } = scalar.toConfig();
  return { serialize, parseValue, parseLiteral } as unknown as GraphQLScalarType;
}

export const scalarResolvers = {
  DateTime: behaviour(DateTimeResolver),
  JSONObject: behaviour(JSONObjectResolver),
  NonNegativeInt: behaviour(NonNegativeIntResolver),
  URL: behaviour(URLResolver),
  Upload: behaviour(UploadScalar),
};
