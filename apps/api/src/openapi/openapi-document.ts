import { z } from 'zod';
import { INGEST_KINDS, MAX_INGEST_ITEMS, errorResponseSchema, ingestSchemas } from '@firewatch/shared';
import { FIREWATCH_VERSION } from '../version.js';
import type { ApiOperation } from './openapi-operations.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema as a request reads it (`input`) or a response carries it (`output`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });

function parameters(op: ApiOperation): unknown[] {
  const inPath = Object.entries(op.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema: name === 'kind' ? { type: 'string', enum: INGEST_KINDS } : { type: 'string', minLength: 1, maxLength: 200 },
  }));
  const inQuery = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => {
    const field = schema as z.ZodType;
    return {
      name,
      in: 'query',
      required: !field.safeParse(undefined).success,
      description: field.description,
      // Repeatable filters (`service=a&service=b`) arrive as a list.
      schema: jsonSchema(field, 'input'),
      explode: true,
    };
  });
  return [...inPath, ...inQuery];
}

function requestBody(op: ApiOperation): unknown {
  if (op.body === undefined) return undefined;
  if (op.body === 'csv') return { required: true, content: { 'text/csv': { schema: { type: 'string' } } } };
  if (op.body === 'vendor') return { required: true, content: json({ type: 'object', description: 'The sender’s own payload, verified by its signature scheme.' }) };
  if (op.body === 'ingest') {
    const items = { oneOf: INGEST_KINDS.map((kind) => ({ title: kind, ...jsonSchema(ingestSchemas[kind], 'input') })) };
    return { required: true, content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', maxItems: MAX_INGEST_ITEMS, items } } }) };
  }
  return { required: true, content: json(jsonSchema(op.body, 'input')) };
}

function responses(op: ApiOperation): Record<string, unknown> {
  const ok: Record<string, unknown> = { description: 'OK' };
  if (op.response) {
    ok.content = { ...json(jsonSchema(op.response, 'output')), ...(op.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) };
  }
  const out: Record<string, unknown> = { 200: ok };
  if (op.query || op.body || op.pathParams) out[400] = errorResponse('A parameter or the body is invalid; `details` names each problem.');
  if (op.access !== 'public') {
    out[401] = errorResponse('No valid token.');
    out[403] = errorResponse('The token lacks the scope.');
  }
  if (op.pathParams?.externalId) out[404] = errorResponse('No record with this external id.');
  out[503] = errorResponse('The database is unavailable; retry after `Retry-After` seconds.');
  return out;
}

/**
 * The OpenAPI 3.1 document of the API, generated from the shared zod schemas (the only definition of
 * every request and response) and the list of operations.
 */
export function openApiDocument(operations: readonly ApiOperation[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const security = op.access === 'public' ? [] : [{ bearer: [] }];
    const scope = op.access === 'read' ? 'read' : op.access === 'public' ? undefined : 'ingest';
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(scope ? { description: `Needs a token with the \`${scope}\` scope${op.access === 'read' ? ' when authentication is on' : ''}.` } : {}),
      parameters: parameters(op),
      requestBody: requestBody(op),
      responses: responses(op),
      security,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Firewatch API', version: FIREWATCH_VERSION, description: 'Incident analytics. Metric definitions: packages/shared/METRICS.md.' },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorResponseSchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`npm run token -- create`).' } },
    },
  };
}
