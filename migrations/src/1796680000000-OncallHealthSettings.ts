import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OncallHealthSettings1796680000000 implements MigrationInterface {
  name = 'OncallHealthSettings1796680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "settings" ADD "oncall_median_factor" double precision NOT NULL DEFAULT '3'`);
    await queryRunner.query(`ALTER TABLE "settings" ADD "oncall_min_disrupted_nights" integer NOT NULL DEFAULT '3'`);
    await queryRunner.query(`ALTER TABLE "settings" ADD "oncall_min_interruptions" integer NOT NULL DEFAULT '5'`);
    await queryRunner.query(`ALTER TABLE "settings" ADD "oncall_max_consecutive_weeks" integer NOT NULL DEFAULT '3'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "settings" DROP COLUMN "oncall_max_consecutive_weeks"`);
    await queryRunner.query(`ALTER TABLE "settings" DROP COLUMN "oncall_min_interruptions"`);
    await queryRunner.query(`ALTER TABLE "settings" DROP COLUMN "oncall_min_disrupted_nights"`);
    await queryRunner.query(`ALTER TABLE "settings" DROP COLUMN "oncall_median_factor"`);
  }
}
