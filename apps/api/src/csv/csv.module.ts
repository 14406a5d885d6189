import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { CsvImportController } from './csv-import.controller.js';
import { CsvImportService } from './csv-import.service.js';

@Module({ imports: [IngestModule], controllers: [CsvImportController], providers: [CsvImportService], exports: [CsvImportService] })
export class CsvModule {}
