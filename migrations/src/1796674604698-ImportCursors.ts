import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportCursors1796674604698 implements MigrationInterface {
  name = 'ImportCursors1796674604698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_cursors" ("source" text NOT NULL, "range_start" TIMESTAMP WITH TIME ZONE NOT NULL, "range_end" TIMESTAMP WITH TIME ZONE NOT NULL, "done_until" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_import_cursors_order" CHECK ("range_start" <= "done_until" AND "done_until" <= "range_end"), CONSTRAINT "PK_0120617041c6d4620aba49058e4" PRIMARY KEY ("source"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_cursors"`);
  }
}
