import { invalidStringFor, sampleOf, schemaErrors, type JsonSchema } from './json-schema-subset.ts';

/** The parts of an OpenAPI 3.1 document (as @fastify/swagger writes it) that the coverage test reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

interface OpenApiParameter {
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly name: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

interface OpenApiResponse {
  readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>>;
}

interface OpenApiOperation {
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

export interface Operation {
  /** `GET /api/v1/patients/{id}` */
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly spec: OpenApiOperation;
  /** needs a session (the document's default security, unless the operation sets `security: []`) */
  readonly authenticated: boolean;
  readonly takesInput: boolean;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, spec]) => ({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        spec,
        authenticated: (spec.security ?? doc.security ?? []).length > 0,
        takesInput: (spec.parameters ?? []).length > 0 || spec.requestBody !== undefined,
      })),
  );
}

/** The response the operation declares for a status: exact, then `4XX`-style, then `default`. */
export function declaredResponse(op: Operation, status: number): OpenApiResponse | undefined {
  const r = op.spec.responses;
  return r[String(status)] ?? r[`${Math.floor(status / 100)}XX`] ?? r['default'];
}

export const declaredStatuses = (op: Operation): string[] => Object.keys(op.spec.responses);

/** A request to send: values for the path and query parameters, and the raw body (undefined: none). */
export interface ProbeRequest {
  readonly probe: string;
  readonly token?: string | undefined;
  readonly path: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

const params = (op: Operation, where: 'path' | 'query'): OpenApiParameter[] => (op.spec.parameters ?? []).filter((p) => p.in === where);
const bodySchema = (op: Operation): JsonSchema | undefined => op.spec.requestBody?.content['application/json']?.schema;

/** Valid inputs: samples of every path parameter (so ids are unknown ones), required query parameters and the body. */
export function validRequest(op: Operation, probe: string, token: string | undefined): ProbeRequest {
  const body = bodySchema(op);
  return {
    probe,
    token,
    path: Object.fromEntries(params(op, 'path').map((p) => [p.name, String(sampleOf(p.schema))])),
    query: Object.fromEntries(
      params(op, 'query')
        .filter((p) => p.required === true)
        .map((p) => [p.name, String(sampleOf(p.schema))]),
    ),
    body: body === undefined ? undefined : JSON.stringify(sampleOf(body)),
  };
}

/** Each input made invalid in turn, the rest kept valid: one request per malformed path parameter, query parameter and body. */
export function malformedRequests(op: Operation, token: string): ProbeRequest[] {
  const valid = validRequest(op, 'valid', token);
  const out: ProbeRequest[] = [];
  for (const p of params(op, 'path')) {
    const bad = invalidStringFor(p.schema);
    if (bad !== undefined) out.push({ ...valid, probe: `malformed path ${p.name}`, path: { ...valid.path, [p.name]: bad } });
  }
  for (const p of params(op, 'query')) {
    const bad = invalidStringFor(p.schema);
    if (bad !== undefined) out.push({ ...valid, probe: `malformed query ${p.name}`, query: { ...valid.query, [p.name]: bad } });
  }
  const body = bodySchema(op);
  if (body !== undefined) {
    out.push({ ...valid, probe: 'body missing', body: undefined });
    out.push({ ...valid, probe: 'body not JSON', body: '{"unterminated' });
    out.push({ ...valid, probe: 'body of the wrong type', body: '[]' });
    if ((body.required ?? []).length > 0) out.push({ ...valid, probe: 'body without its required fields', body: '{}' });
  }
  return out;
}

export interface ProbeAnswer {
  readonly probe: string;
  readonly status: number;
  /** the media type of the answer, without parameters (`application/json`) */
  readonly mediaType: string;
  readonly body: unknown;
}

export async function send(baseUrl: string, op: Operation, req: ProbeRequest): Promise<ProbeAnswer> {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.path[name] ?? ''));
  const query = new URLSearchParams(req.query).toString();
  const headers: Record<string, string> = {};
  if (req.token !== undefined) headers['authorization'] = `Bearer ${req.token}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`, {
    method: op.method,
    headers,
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: kept as text, which no declared error schema accepts
  }
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  return { probe: req.probe, status: res.status, mediaType, body };
}

/** What is wrong with an answer against the document: an undeclared status, or an error body off its schema. */
export function answerProblems(op: Operation, answer: ProbeAnswer): string[] {
  const where = `${op.name} (${answer.probe})`;
  const declared = declaredResponse(op, answer.status);
  if (declared === undefined) {
    return [`${where}: answered ${answer.status} ${JSON.stringify(answer.body)}, declared only ${declaredStatuses(op).join(', ')}`];
  }
  if (answer.status < 400) return [];
  const schema = declared.content?.[answer.mediaType]?.schema;
  if (schema === undefined) return [`${where}: ${answer.status} is declared without a body schema for ${answer.mediaType}`];
  const problems = schemaErrors(answer.body, schema).map((e) => `${where}: ${answer.status} body ${e}`);
  const said = typeof answer.body === 'object' && answer.body !== null && 'statusCode' in answer.body ? answer.body.statusCode : undefined;
  if (said !== undefined && said !== answer.status)
    problems.push(`${where}: answered ${answer.status} with statusCode ${JSON.stringify(said)} in the body`);
  return problems;
}
