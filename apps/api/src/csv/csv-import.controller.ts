import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { INGEST_KINDS, type IngestKind, type IngestResponse } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { CsvImportService } from './csv-import.service.js';

@Controller('api/v1/import')
export class CsvImportController {
  constructor(private readonly csv: CsvImportService) {}

  /** A CSV file (`Content-Type: text/csv`) whose header row names ingest fields; errors by line. */
  @Post(':kind')
  @HttpCode(HttpStatus.OK)
  @Access('ingest')
  async importCsv(@Param('kind') kind: string, @Body() body: unknown, @Req() req: Request): Promise<IngestResponse> {
    if (!(INGEST_KINDS as string[]).includes(kind)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `Unknown kind "${kind}"; one of: ${INGEST_KINDS.join(', ')}.`);
    }
    if (!req.is('text/csv') || !Buffer.isBuffer(body)) {
      throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the file as the request body with Content-Type: text/csv.');
    }
    return this.csv.import(kind as IngestKind, body);
  }
}
