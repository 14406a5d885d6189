import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NoiseFacts1796683630758 implements MigrationInterface {
  name = 'NoiseFacts1796683630758';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_facts" ("alert_id" bigint NOT NULL, "source" text NOT NULL, "rule" text NOT NULL, "service_id" integer, "team_id" integer, "severity_rank" smallint, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "counted" boolean NOT NULL, "predecessor" boolean NOT NULL, "flap" boolean NOT NULL, "escalated" boolean NOT NULL, "base_class" text, "auto_resolved_seconds" double precision, "tta_minutes" double precision, "incident_id" integer, "incident_counts" boolean NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "escalated_level" smallint, "escalated_reason" text, CONSTRAINT "ck_alert_facts_base_class" CHECK ("base_class" IS NULL OR "base_class" IN ('actionable', 'flagged', 'ack_only', 'unacked')), CONSTRAINT "PK_77a57e7a7207c5ecc09654eb138" PRIMARY KEY ("alert_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_alert_facts_predecessor" ON "alert_facts"  ("source", "rule", "resolved_at") WHERE "predecessor"`);
    await queryRunner.query(`CREATE INDEX "ix_alert_facts_fired_at" ON "alert_facts"  ("fired_at") `);
    await queryRunner.query(`CREATE TABLE "page_facts" ("page_id" bigint NOT NULL, "alert_id" bigint NOT NULL, "responder_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "interrupting" boolean NOT NULL, "counted" boolean NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "service_id" integer, "team_id" integer, "severity_rank" smallint, "source" text NOT NULL, "rule" text NOT NULL, "noisy" boolean NOT NULL, "opens" boolean NOT NULL, "bucket" text, "local_hour" text, "night" date, CONSTRAINT "ck_page_facts_bucket" CHECK ("bucket" IS NULL OR "bucket" IN ('working', 'late', 'sleeping')), CONSTRAINT "PK_f7af768484d4bdc5d77deafa6a3" PRIMARY KEY ("page_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_page_facts_merge" ON "page_facts"  ("responder_id", "at", "page_id") WHERE "counted" AND "interrupting"`);
    await queryRunner.query(`CREATE INDEX "ix_page_facts_alert" ON "page_facts"  ("alert_id") `);
    await queryRunner.query(`CREATE INDEX "ix_page_facts_responder_fired" ON "page_facts"  ("responder_id", "fired_at") `);
    await queryRunner.query(`CREATE INDEX "ix_page_facts_fired_at" ON "page_facts"  ("fired_at") `);
    await queryRunner.query(`CREATE TABLE "noise_queue" ("id" BIGSERIAL NOT NULL, "alert_ids" bigint array, "responder_id" integer, "from_at" TIMESTAMP WITH TIME ZONE, "to_at" TIMESTAMP WITH TIME ZONE, "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1737362e85f9a906019b6b434fd" PRIMARY KEY ("id"))`);
    // Triggers enqueue what a change affects, in the same transaction as the change, whichever path
    // wrote it. Statement-level with transition tables, and one queue row per statement and 5,000
    // alert ids (an array), so ingest pays one small INSERT per batch; an UPDATE that changed nothing
    // queues nothing.
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO noise_queue (alert_ids) SELECT array_agg(id) FROM new_rows GROUP BY id / 5000;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO noise_queue (alert_ids) SELECT array_agg(id) FROM old_rows GROUP BY id / 5000;
        ELSE
          INSERT INTO noise_queue (alert_ids)
          SELECT array_agg(n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n IS DISTINCT FROM o GROUP BY n.id / 5000;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_alerts_noise_insert AFTER INSERT ON alerts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_alerts()`);
    await queryRunner.query(`CREATE TRIGGER tr_alerts_noise_update AFTER UPDATE ON alerts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_alerts()`);
    await queryRunner.query(`CREATE TRIGGER tr_alerts_noise_delete AFTER DELETE ON alerts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_alerts()`);
    // A page changes its alert's facts (escalated, first escalation); its responder's merge is redone
    // by the worker around every page of a recomputed alert.
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_pages() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO noise_queue (alert_ids) SELECT array_agg(DISTINCT alert_id) FROM new_rows GROUP BY alert_id / 5000;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO noise_queue (alert_ids) SELECT array_agg(DISTINCT alert_id) FROM old_rows GROUP BY alert_id / 5000;
        ELSE
          INSERT INTO noise_queue (alert_ids)
          SELECT array_agg(DISTINCT x.alert_id)
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           CROSS JOIN LATERAL (VALUES (n.alert_id), (o.alert_id)) AS x(alert_id)
           WHERE n IS DISTINCT FROM o
           GROUP BY x.alert_id / 5000;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          -- Where a moved or deleted page was: its responder's merge there is redone.
          INSERT INTO noise_queue (responder_id, from_at, to_at)
          SELECT responder_id, min(at), max(at) FROM old_rows GROUP BY responder_id, date_trunc('day', at);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_pages_noise_insert AFTER INSERT ON pages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_pages()`);
    await queryRunner.query(`CREATE TRIGGER tr_pages_noise_update AFTER UPDATE ON pages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_pages()`);
    await queryRunner.query(`CREATE TRIGGER tr_pages_noise_delete AFTER DELETE ON pages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_pages()`);
    // An incident's kind decides whether its alerts count (test) and whether escalation depth counts it.
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_incident_kind() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO noise_queue (alert_ids)
        SELECT array_agg(a.id)
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN alerts a ON a.incident_id = n.id
         WHERE n.kind IS DISTINCT FROM o.kind
         GROUP BY a.id / 5000;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_incidents_noise_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_incident_kind()`);
    // A service moving to another team moves its alerts' team.
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_service_team() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO noise_queue (alert_ids)
        SELECT array_agg(a.id)
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN alerts a ON a.service_id = n.id
         WHERE n.team_id IS DISTINCT FROM o.team_id
         GROUP BY a.id / 5000;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_services_noise_update AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_service_team()`);
    // A responder's calendar, or the organisation's defaults, re-place every interruption.
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_responder_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO noise_queue (responder_id, from_at, to_at)
        SELECT n.id, '-infinity', 'infinity'
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.timezone, n.working_hours, n.holiday_country) IS DISTINCT FROM (o.timezone, o.working_hours, o.holiday_country)
           AND EXISTS (SELECT 1 FROM pages p WHERE p.responder_id = n.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_responders_noise_update AFTER UPDATE ON responders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_noise_enqueue_responder_calendar()`);
    await queryRunner.query(`CREATE FUNCTION firewatch_noise_enqueue_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.timezone, NEW.working_hours, NEW.sleeping_hours, NEW.holiday_country) IS DISTINCT FROM (OLD.timezone, OLD.working_hours, OLD.sleeping_hours, OLD.holiday_country) THEN
          INSERT INTO noise_queue (responder_id, from_at, to_at)
          SELECT r.id, '-infinity', 'infinity' FROM responders r WHERE EXISTS (SELECT 1 FROM pages p WHERE p.responder_id = r.id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_settings_noise_update AFTER UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION firewatch_noise_enqueue_settings()`);
    // Data stored before this version: every alert is queued, 5,000 to a row.
    await queryRunner.query(`INSERT INTO noise_queue (alert_ids) SELECT array_agg(id ORDER BY id) FROM alerts GROUP BY id / 5000`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['tr_settings_noise_update', 'settings'],
      ['tr_responders_noise_update', 'responders'],
      ['tr_services_noise_update', 'services'],
      ['tr_incidents_noise_update', 'incidents'],
      ['tr_pages_noise_delete', 'pages'],
      ['tr_pages_noise_update', 'pages'],
      ['tr_pages_noise_insert', 'pages'],
      ['tr_alerts_noise_delete', 'alerts'],
      ['tr_alerts_noise_update', 'alerts'],
      ['tr_alerts_noise_insert', 'alerts'],
    ]) await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
    for (const fn of ['settings', 'responder_calendar', 'service_team', 'incident_kind', 'pages', 'alerts']) await queryRunner.query(`DROP FUNCTION firewatch_noise_enqueue_${fn}()`);
    await queryRunner.query(`DROP TABLE "noise_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_page_facts_fired_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_page_facts_responder_fired"`);
    await queryRunner.query(`DROP INDEX "public"."ix_page_facts_alert"`);
    await queryRunner.query(`DROP INDEX "public"."ix_page_facts_merge"`);
    await queryRunner.query(`DROP TABLE "page_facts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alert_facts_fired_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alert_facts_predecessor"`);
    await queryRunner.query(`DROP TABLE "alert_facts"`);
  }
}
