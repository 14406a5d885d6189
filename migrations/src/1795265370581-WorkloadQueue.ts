import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkloadQueue1795265370581 implements MigrationInterface {
  name = 'WorkloadQueue1795265370581';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "workload_queue" ("id" BIGSERIAL NOT NULL, "responder_id" integer NOT NULL, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE NOT NULL, "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a60ed97b1fcafc7d3142d1deb8" PRIMARY KEY ("id"))`);
    // Triggers enqueue the responders and windows whose workload a change affects, in the same
    // transaction as the change, whichever path wrote it (batch API, webhook, CSV, COPY). Statement-level
    // with transition tables: one set-wise INSERT per statement, nothing per row. One window per
    // responder and UTC day, so a batch spread over months does not recompute everything between.
    await queryRunner.query(`CREATE FUNCTION firewatch_enqueue_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO workload_queue (responder_id, from_at, to_at)
          SELECT responder_id, min(at), max(coalesce(end_at, at + interval '10 minutes')) FROM new_rows GROUP BY responder_id, date_trunc('day', at);
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO workload_queue (responder_id, from_at, to_at)
          SELECT responder_id, min(at), max(coalesce(end_at, at + interval '10 minutes')) FROM old_rows GROUP BY responder_id, date_trunc('day', at);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_activity_workload_insert AFTER INSERT ON activity REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_enqueue_activity()`);
    await queryRunner.query(`CREATE TRIGGER tr_activity_workload_update AFTER UPDATE ON activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_enqueue_activity()`);
    await queryRunner.query(`CREATE TRIGGER tr_activity_workload_delete AFTER DELETE ON activity REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_enqueue_activity()`);
    // An incident becoming or ceasing to be a test changes whether its activity counts.
    await queryRunner.query(`CREATE FUNCTION firewatch_enqueue_incident_kind() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workload_queue (responder_id, from_at, to_at)
        SELECT a.responder_id, min(a.at), max(coalesce(a.end_at, a.at + interval '10 minutes'))
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN activity a ON a.incident_id = n.id
         WHERE n.kind IS DISTINCT FROM o.kind
         GROUP BY a.responder_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_incidents_workload_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_enqueue_incident_kind()`);
    // A responder's zone, working hours or holiday country reclassifies their whole history.
    await queryRunner.query(`CREATE FUNCTION firewatch_enqueue_responder_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workload_queue (responder_id, from_at, to_at)
        SELECT n.id, '-infinity', 'infinity'
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.timezone, n.working_hours, n.holiday_country) IS DISTINCT FROM (o.timezone, o.working_hours, o.holiday_country)
           AND EXISTS (SELECT 1 FROM activity a WHERE a.responder_id = n.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_responders_workload_update AFTER UPDATE ON responders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_enqueue_responder_calendar()`);
    // The organisation's defaults reclassify everyone's history.
    await queryRunner.query(`CREATE FUNCTION firewatch_enqueue_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.timezone, NEW.working_hours, NEW.sleeping_hours, NEW.holiday_country) IS DISTINCT FROM (OLD.timezone, OLD.working_hours, OLD.sleeping_hours, OLD.holiday_country) THEN
          INSERT INTO workload_queue (responder_id, from_at, to_at)
          SELECT r.id, '-infinity', 'infinity' FROM responders r WHERE EXISTS (SELECT 1 FROM activity a WHERE a.responder_id = r.id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_settings_workload_update AFTER UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION firewatch_enqueue_settings()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_settings_workload_update ON settings`);
    await queryRunner.query(`DROP FUNCTION firewatch_enqueue_settings()`);
    await queryRunner.query(`DROP TRIGGER tr_responders_workload_update ON responders`);
    await queryRunner.query(`DROP FUNCTION firewatch_enqueue_responder_calendar()`);
    await queryRunner.query(`DROP TRIGGER tr_incidents_workload_update ON incidents`);
    await queryRunner.query(`DROP FUNCTION firewatch_enqueue_incident_kind()`);
    await queryRunner.query(`DROP TRIGGER tr_activity_workload_delete ON activity`);
    await queryRunner.query(`DROP TRIGGER tr_activity_workload_update ON activity`);
    await queryRunner.query(`DROP TRIGGER tr_activity_workload_insert ON activity`);
    await queryRunner.query(`DROP FUNCTION firewatch_enqueue_activity()`);
    await queryRunner.query(`DROP TABLE "workload_queue"`);
  }
}
