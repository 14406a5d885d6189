import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkloadRebuildOnSettings1796698200000 implements MigrationInterface {
  name = 'WorkloadRebuildOnSettings1796698200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A queue row without a responder asks for a full rebuild: the organisation's calendar (zone,
    // working and sleeping hours, holidays) reclassifies everyone's history, and the rebuild writes it
    // into a fresh table swapped in at once, so reports answer from the previous workload until then.
    await queryRunner.query(`ALTER TABLE "workload_queue" ALTER COLUMN "responder_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION firewatch_enqueue_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.timezone, NEW.working_hours, NEW.sleeping_hours, NEW.holiday_country) IS DISTINCT FROM (OLD.timezone, OLD.working_hours, OLD.sleeping_hours, OLD.holiday_country) THEN
          INSERT INTO workload_queue (responder_id, from_at, to_at) VALUES (NULL, '-infinity', 'infinity');
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION firewatch_enqueue_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.timezone, NEW.working_hours, NEW.sleeping_hours, NEW.holiday_country) IS DISTINCT FROM (OLD.timezone, OLD.working_hours, OLD.sleeping_hours, OLD.holiday_country) THEN
          INSERT INTO workload_queue (responder_id, from_at, to_at)
          SELECT r.id, '-infinity', 'infinity' FROM responders r WHERE EXISTS (SELECT 1 FROM activity a WHERE a.responder_id = r.id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`INSERT INTO workload_queue (responder_id, from_at, to_at)
      SELECT r.id, '-infinity', 'infinity' FROM responders r
       WHERE EXISTS (SELECT 1 FROM workload_queue q WHERE q.responder_id IS NULL) AND EXISTS (SELECT 1 FROM activity a WHERE a.responder_id = r.id)`);
    await queryRunner.query(`DELETE FROM workload_queue WHERE responder_id IS NULL`);
    await queryRunner.query(`ALTER TABLE "workload_queue" ALTER COLUMN "responder_id" SET NOT NULL`);
  }
}
