import { z } from 'zod';

/** One problem with a request: where (`index` of the batch item, `path` inside it) and what. */
export const problemSchema = z.object({
  index: z.number().int().optional().describe('Position of the item in the batch (0-based).'),
  line: z.number().int().optional().describe('CSV line number (1-based, header is line 1).'),
  path: z.string().describe('Dotted path of the offending field, e.g. `declaredAt` or `roles.0.responder`.'),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Every error answer of the API. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  details: z.array(problemSchema).optional(),
  requestId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
