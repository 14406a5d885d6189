import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { INGEST_KINDS, MAX_INGEST_ITEMS, type IngestKind, type IngestResponse } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { IngestService } from './ingest.service.js';

@Controller('api/v1/ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  /** `{ "items": [...] }` of one kind; all or nothing; upsert by (source, externalId). */
  @Post(':kind')
  @HttpCode(HttpStatus.OK)
  @Access('ingest')
  async ingestKind(@Param('kind') kind: string, @Body() body: unknown): Promise<IngestResponse> {
    if (!(INGEST_KINDS as string[]).includes(kind)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `Unknown kind "${kind}"; one of: ${INGEST_KINDS.join(', ')}.`);
    }
    const items = itemsOf(body);
    return this.ingest.ingest({ [kind as IngestKind]: items });
  }
}

/** The `items` array of a request body, or a 400/413 that says what is wrong with the body. */
export function itemsOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'The body must be a JSON object { "items": [...] } sent as application/json.', [
      { path: '', message: 'must be an object with an items array' },
    ]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'items');
  const items = (body as { items?: unknown }).items;
  const problems = [
    ...(Array.isArray(items) ? [] : [{ path: 'items', message: items === undefined ? 'is required' : 'must be an array' }]),
    ...extra.map((k) => ({ path: k, message: 'is not a known field' })),
  ];
  if (problems.length > 0) throw new ProblemException(HttpStatus.BAD_REQUEST, 'The body must be { "items": [...] }.', problems);
  const list = items as unknown[];
  if (list.length > MAX_INGEST_ITEMS) {
    throw new ProblemException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      `At most ${MAX_INGEST_ITEMS} items per request (got ${list.length}); split the batch.`,
    );
  }
  return list;
}
