import { randomUUID } from 'node:crypto';

/**
 * The part of JSON Schema that the API's OpenAPI document uses (zod's toJSONSchema output through
 * fastify-type-provider-zod): enough to make a minimal valid value of a request schema and to check an error body
 * against a response schema. A keyword outside this subset is reported, never skipped, so a check cannot pass by
 * not understanding its schema.
 */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly default?: unknown;
}

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'default',
  'description',
  'title',
  'examples',
]);

const typesOf = (schema: JsonSchema): readonly string[] => (schema.type === undefined ? [] : [schema.type].flat());
let counter = 0;

/** A small value the schema accepts: required properties only, first enum member or variant, unique strings and ids. */
export function sampleOf(schema: JsonSchema): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return sampleOf(variants.find((v) => !typesOf(v).includes('null')) ?? variants[0] ?? {});
  if ('default' in schema) return schema.default;
  const type = typesOf(schema).find((t) => t !== 'null') ?? typesOf(schema)[0];
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {})]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? Math.min(1, schema.maximum ?? 1) : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case undefined:
    default:
      throw new Error(`no sample for schema ${JSON.stringify(schema)}`);
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case undefined:
    default: {
      const n = ++counter;
      const candidates = [`probe-${n}-abcdefgh`, `probe${n}abcdefgh`, `Probe ${n} abcdefgh`].map((c) =>
        c.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? Infinity),
      );
      const fit = candidates.find((c) => schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(c));
      if (fit === undefined) throw new Error(`no sample string for ${JSON.stringify(schema)}`);
      return fit;
    }
  }
}

/** A string the schema refuses, or undefined when it accepts every string. */
export function invalidStringFor(schema: JsonSchema): string | undefined {
  if (schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  const constrained =
    schema.enum !== undefined || schema.format !== undefined || schema.pattern !== undefined || schema.anyOf !== undefined;
  const numeric = typesOf(schema).some((t) => t === 'integer' || t === 'number');
  return constrained || numeric ? 'not valid: @' : undefined;
}

/** Where the value departs from the schema ([] = it conforms). */
export function schemaErrors(value: unknown, schema: JsonSchema, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) return [`${at}: schema keywords this check does not know: ${unknown.join(', ')}`];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) {
    return variants.some((v) => schemaErrors(value, v, at).length === 0) ? [] : [`${at}: matches none of the variants`];
  }
  if ('const' in schema && value !== schema.const) return [`${at}: is not ${JSON.stringify(schema.const)}`];
  if (schema.enum !== undefined && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of the enum`];
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((t) => hasType(value, t))) return [`${at}: ${JSON.stringify(value)} is not ${types.join(' | ')}`];
  if (typeof value === 'string') return stringErrors(value, schema, at);
  if (typeof value === 'number') return numberErrors(value, schema, at);
  if (Array.isArray(value))
    return value.flatMap((item, i) => (schema.items === undefined ? [] : schemaErrors(item, schema.items, `${at}[${i}]`)));
  if (typeof value === 'object' && value !== null) return objectErrors(value as Record<string, unknown>, schema, at);
  return [];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function stringErrors(value: string, schema: JsonSchema, at: string): string[] {
  const errors: string[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  return errors;
}

function numberErrors(value: number, schema: JsonSchema, at: string): string[] {
  const errors: string[] = [];
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) errors.push(`${at}: not above ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) errors.push(`${at}: not below ${schema.exclusiveMaximum}`);
  return errors;
}

function objectErrors(value: Record<string, unknown>, schema: JsonSchema, at: string): string[] {
  const errors = (schema.required ?? []).filter((key) => !(key in value)).map((key) => `${at}.${key}: missing`);
  for (const [key, item] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property !== undefined) errors.push(...schemaErrors(item, property, `${at}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not allowed`);
    else if (typeof schema.additionalProperties === 'object')
      errors.push(...schemaErrors(item, schema.additionalProperties, `${at}.${key}`));
  }
  return errors;
}
