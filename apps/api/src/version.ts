import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from './config/project-root.js';

/** Version of the root package.json. */
export const FIREWATCH_VERSION: string =
  (JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
