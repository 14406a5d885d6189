import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkSegments1795265223276 implements MigrationInterface {
  name = 'WorkSegments1795265223276';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "work_segments" ("responder_id" integer NOT NULL, "incident_id" integer NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "share" double precision NOT NULL, "bucket" text NOT NULL, "local_date" date NOT NULL, CONSTRAINT "ck_work_segments_interval" CHECK ("end_at" > "start_at" AND "share" > 0 AND "share" <= 1), CONSTRAINT "ck_work_segments_bucket" CHECK ("bucket" IN ('working', 'late', 'sleeping')), CONSTRAINT "PK_656e0cfa803687bcbdbc7b7b2d3" PRIMARY KEY ("responder_id", "incident_id", "start_at"))`);
    await queryRunner.query(`CREATE INDEX "ix_work_segments_incident" ON "work_segments"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "ix_work_segments_start" ON "work_segments"  ("start_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_work_segments_start"`);
    await queryRunner.query(`DROP INDEX "public"."ix_work_segments_incident"`);
    await queryRunner.query(`DROP TABLE "work_segments"`);
  }
}
