import { Controller, Get, Query } from '@nestjs/common';
import { annotationListQuerySchema, type AnnotationListResponse } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { parseQuery } from '../common/parse-query.js';
import { AnnotationsService } from './annotations.service.js';

@Controller('api/v1/annotations')
@Access('read')
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  /** Annotations to draw on charts and to pick for a before/after comparison, oldest first. */
  @Get()
  list(@Query() query: unknown): Promise<AnnotationListResponse> {
    return this.annotations.list(parseQuery(annotationListQuerySchema, query));
  }
}
