import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityCallsIndex1795271605169 implements MigrationInterface {
  name = 'ActivityCallsIndex1795271605169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_activity_calls" ON "activity"  ("responder_id", "end_at") WHERE "end_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_activity_calls"`);
  }
}
