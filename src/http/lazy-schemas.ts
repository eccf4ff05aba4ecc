// Route schemas compiled on first use instead of at start. Fastify compiles every route's validators (Ajv)
// and response serializers (fast-json-stringify) while it gets ready: about a second of a start here, for
// routes most processes never serve. The same compilers, with the same options, run the first time a
// route needs them (a few milliseconds on that first request), and the result is kept.
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import { serializerSchema } from './serializer-schema.js';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;

interface AjvValidate {
  (data: unknown, context?: unknown): boolean | Promise<unknown>;
  errors?: unknown;
}

/**
 * An Ajv validator that compiles itself on its first call. Fastify hands a validator carrying `schemaEnv`
 * the request as parent data (so Ajv can coerce a root value); every Ajv validator accepts it, so the
 * stand-in always asks for it. `errors` is copied after each call, where Fastify reads it.
 */
export function lazyValidator(compile: () => AjvValidate): AjvValidate & { schemaEnv: true } {
  let compiled: AjvValidate | undefined;
  const validate = (data: unknown, context?: unknown) => {
    compiled ??= compile();
    const result = compiled(data, context);
    validate.errors = compiled.errors;
    return result;
  };
  validate.errors = undefined as unknown;
  validate.schemaEnv = true as const;
  return validate;
}

export function lazySerializer(compile: () => (data: unknown) => string): (data: unknown) => string {
  let compiled: ((data: unknown) => string) | undefined;
  return (data) => {
    compiled ??= compile();
    return compiled(data);
  };
}

/** Fastify's own default compilers (the same packages, the same server options), deferred per schema. */
export function lazySchemaCompilers(): { buildValidator: BuildValidator; buildSerializer: BuildSerializer } {
  const validators = AjvCompiler();
  const serializers = SerializerSelector();
  const buildValidator = ((externalSchemas: unknown, options: unknown) => {
    const compileFor = (validators as (...args: unknown[]) => (route: unknown) => AjvValidate)(
      externalSchemas,
      options,
    );
    return (route: unknown) => lazyValidator(() => compileFor(route));
  }) as unknown as BuildValidator;
  const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
    const compileFor = (serializers as (...args: unknown[]) => (route: unknown) => (data: unknown) => string)(
      externalSchemas,
      options,
    );
    // Compiled from the serializer's reading of the schema (serializer-schema.ts): no validation per union.
    return (route: unknown) =>
      lazySerializer(() => {
        const { schema, ...rest } = route as { schema: unknown };
        return compileFor({ ...rest, schema: serializerSchema(schema) });
      });
  }) as unknown as BuildSerializer;
  return { buildValidator, buildSerializer };
}
