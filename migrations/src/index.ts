// Every migration, oldest first. `npm run migration:generate -- <Name>` writes a new one and this list.
import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795260521353 } from './1795260521353-InitialSchema.js';

export const migrations: Array<new () => MigrationInterface> = [
  InitialSchema1795260521353,
];
