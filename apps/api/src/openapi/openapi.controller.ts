import { Controller, Get } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { openApiDocument } from './openapi-document.js';
import { API_OPERATIONS } from './openapi-operations.js';

@Controller('api/docs')
@Access('public')
export class OpenApiController {
  private document: Record<string, unknown> | undefined;

  /** The OpenAPI 3.1 document of the API (SPEC §3), built once from the shared schemas. */
  @Get()
  openApi(): Record<string, unknown> {
    return (this.document ??= openApiDocument(API_OPERATIONS));
  }
}
