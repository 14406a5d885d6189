import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PageFactsAt1796697000000 implements MigrationInterface {
  name = 'PageFactsAt1796697000000';

  // Seasonality, services and causes count pages by the time they were sent, from the facts.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_page_facts_at" ON "page_facts" ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_page_facts_at"`);
  }
}
