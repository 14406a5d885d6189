import 'reflect-metadata';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { findProjectRoot } from '../config/project-root.js';

/**
 * `npm run migration:generate -- <Name>`: applies the committed migrations to a throw-away
 * PostgreSQL, asks TypeORM what the entities still need, and writes that as a new migration.
 * `--check` writes nothing and exits 1 when a migration would be generated (schema drift).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const name = args.find((a) => !a.startsWith('--'));
  if (!check && (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name))) {
    throw new Error('usage: migration:generate <PascalCaseName> | --check');
  }
  const log = pino({ level: 'warn' });
  const dir = await mkdtemp(join(tmpdir(), 'firewatch-migrate-'));
  const pg = await startEmbeddedPostgres(dir, log, { persistent: false });
  try {
    const ds = new DataSource(dataSourceOptions(pg.url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      console.log('The migrations match the entities: nothing to generate.');
      return;
    }
    if (check) {
      console.error(`Schema drift: the entities need ${sql.upQueries.length} statement(s) no migration contains:`);
      for (const q of sql.upQueries) console.error(`  ${q.query}`);
      process.exitCode = 1;
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const lines = (qs: Array<{ query: string }>) => qs.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...sql.downQueries].reverse())}
  }
}
`;
    const migrationsDir = join(findProjectRoot(), 'migrations', 'src');
    await writeFile(join(migrationsDir, `${timestamp}-${name}.ts`), source);
    await writeIndex(migrationsDir);
    console.log(`Wrote migrations/src/${timestamp}-${name}.ts (${sql.upQueries.length} statements).`);
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeIndex(migrationsDir: string): Promise<void> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f)).sort();
  const entries = files.map((f) => {
    const [ts, name] = f.replace(/\.ts$/, '').split('-') as [string, string];
    return { file: f.replace(/\.ts$/, '.js'), className: `${name}${ts}` };
  });
  await writeFile(
    join(migrationsDir, 'index.ts'),
    `// Every migration, oldest first. \`npm run migration:generate -- <Name>\` writes a new one and this list.
import type { MigrationInterface } from 'typeorm';
${entries.map((e) => `import { ${e.className} } from './${e.file}';`).join('\n')}

export const migrations: Array<new () => MigrationInterface> = [
${entries.map((e) => `  ${e.className},`).join('\n')}
];
`,
  );
}

main().catch((error: unknown) => {
  console.error(`migration:generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
