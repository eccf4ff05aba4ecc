// The response schemas as the serializer (fast-json-stringify) reads them. A union (`anyOf`) makes it
// validate the value against each branch with Ajv, formats and patterns included, before writing it: for a
// nullable object (`Nullable(X)`: anyOf [X, null]) that is a full validation of X per object, which for a
// page of conversations cost more than writing the JSON. The unions the API uses for "X or null" and for
// "one of these strings" are rewritten into what it writes directly: X with `nullable: true`, and a plain
// string. Only the serializer's copy changes: validation and the OpenAPI document keep the schemas as
// written, and every other union is left to the serializer as it is.

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNull = (schema: Schema) => schema.type === 'null' && Object.keys(schema).length === 1;

/** A branch that writes as a JSON string whatever it matches: a string, a string constant or enum. */
const isStringBranch = (schema: Schema) =>
  schema.type === 'string' && schema.anyOf === undefined && schema.$ref === undefined;

/** A branch the serializer writes by its type alone (an object, array, string, number...). */
const isPlainBranch = (schema: Schema) =>
  typeof schema.type === 'string' &&
  schema.type !== 'null' &&
  schema.anyOf === undefined &&
  schema.oneOf === undefined &&
  schema.allOf === undefined &&
  schema.if === undefined &&
  schema.$ref === undefined &&
  schema.nullable === undefined;

function rewriteUnion(branches: Schema[], rest: Schema): Schema | null {
  const nullable = branches.some(isNull);
  const others = branches.filter((branch) => !isNull(branch));
  if (others.length === 0) return null;
  if (others.length === 1 && isPlainBranch(others[0]!)) {
    return { ...rest, ...others[0], ...(nullable ? { nullable: true } : {}) };
  }
  if (others.every(isStringBranch)) {
    const description = rest.description ?? others[0]!.description;
    return {
      ...rest,
      type: 'string',
      ...(description ? { description } : {}),
      ...(nullable ? { nullable: true } : {}),
    };
  }
  return null;
}

/** A copy of `schema` with the unions above rewritten, everywhere in it. Symbol keys are dropped. */
export function serializerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializerSchema);
  if (!isObject(schema)) return schema;
  const copy: Schema = {};
  for (const key of Object.keys(schema)) copy[key] = serializerSchema(schema[key]);
  if (Array.isArray(copy.anyOf) && copy.anyOf.every(isObject)) {
    const { anyOf, ...rest } = copy;
    return rewriteUnion(anyOf as Schema[], rest) ?? copy;
  }
  return copy;
}
