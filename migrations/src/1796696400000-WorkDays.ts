import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkDays1796696400000 implements MigrationInterface {
  name = 'WorkDays1796696400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "work_days" ("responder_id" integer NOT NULL, "day" date NOT NULL, "incident_id" integer NOT NULL, "working" double precision NOT NULL, "late" double precision NOT NULL, "sleeping" double precision NOT NULL, CONSTRAINT "PK_79fa772107bb155b43114387952" PRIMARY KEY ("responder_id", "day", "incident_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_work_days_day" ON "work_days" ("day") `);
    await queryRunner.query(`CREATE INDEX "ix_work_days_incident" ON "work_days" ("incident_id") `);
    // A (responder, day) pair is recomputed from the responder's segments overlapping that day.
    await queryRunner.query(`CREATE INDEX "ix_work_segments_responder_start" ON "work_segments" ("responder_id", "start_at") `);
    // The one definition of a day's minutes: each segment overlapping an org-local day (zone from
    // settings) counts its overlap × share, by bucket. Segments are at most 25 h long, hence the
    // lower bound on start_at. Recomputes the given pairs whole: delete, then insert what the
    // segments now say (a pair with no segment left simply disappears).
    await queryRunner.query(`CREATE FUNCTION firewatch_work_days_refresh(responders integer[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE zone text := (SELECT timezone FROM settings WHERE id = 1);
      BEGIN
        DELETE FROM work_days w USING unnest(responders, days) AS k(responder_id, day)
         WHERE w.responder_id = k.responder_id AND w.day = k.day;
        INSERT INTO work_days (responder_id, day, incident_id, working, late, sleeping)
        SELECT k.responder_id, k.day, s.incident_id,
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'working'), 0),
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'late'), 0),
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'sleeping'), 0)
          FROM (SELECT DISTINCT * FROM unnest(responders, days)) AS k(responder_id, day)
         CROSS JOIN LATERAL (SELECT k.day::timestamp AT TIME ZONE zone AS day_start, (k.day + 1)::timestamp AT TIME ZONE zone AS day_end) b
          JOIN work_segments s ON s.responder_id = k.responder_id AND s.start_at < b.day_end AND s.end_at > b.day_start
                              AND s.start_at > b.day_start - interval '2 days'
         CROSS JOIN LATERAL (SELECT extract(epoch FROM least(s.end_at, b.day_end) - greatest(s.start_at, b.day_start))::float8 / 60 * s.share AS minutes) x
         GROUP BY k.responder_id, k.day, s.incident_id;
      END $$`);
    // Every write to work_segments (the workload worker's replacements) recomputes the pairs of the
    // rows it removed and added, in the same transaction. A full workload rebuild swaps the table
    // (and these triggers with it) and refills work_days whole.
    await queryRunner.query(`CREATE FUNCTION firewatch_work_days_of_segments() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        zone text := (SELECT timezone FROM settings WHERE id = 1);
        responders integer[];
        days date[];
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          SELECT array_agg(k.responder_id), array_agg(k.day) INTO responders, days FROM (
            SELECT DISTINCT c.responder_id, d.day::date AS day FROM new_rows c
             CROSS JOIN LATERAL generate_series(date_trunc('day', c.start_at AT TIME ZONE zone),
                                                date_trunc('day', (c.end_at - interval '1 microsecond') AT TIME ZONE zone), interval '1 day') AS d(day)) k;
          IF responders IS NOT NULL THEN PERFORM firewatch_work_days_refresh(responders, days); END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          SELECT array_agg(k.responder_id), array_agg(k.day) INTO responders, days FROM (
            SELECT DISTINCT c.responder_id, d.day::date AS day FROM old_rows c
             CROSS JOIN LATERAL generate_series(date_trunc('day', c.start_at AT TIME ZONE zone),
                                                date_trunc('day', (c.end_at - interval '1 microsecond') AT TIME ZONE zone), interval '1 day') AS d(day)) k;
          IF responders IS NOT NULL THEN PERFORM firewatch_work_days_refresh(responders, days); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_work_segments_days_insert AFTER INSERT ON work_segments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_work_days_of_segments()`);
    await queryRunner.query(`CREATE TRIGGER tr_work_segments_days_update AFTER UPDATE ON work_segments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_work_days_of_segments()`);
    await queryRunner.query(`CREATE TRIGGER tr_work_segments_days_delete AFTER DELETE ON work_segments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION firewatch_work_days_of_segments()`);
    // All of it at once, from every segment: used here for the existing workload and by a full rebuild.
    await queryRunner.query(`CREATE FUNCTION firewatch_work_days_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE zone text := (SELECT timezone FROM settings WHERE id = 1);
      BEGIN
        DELETE FROM work_days;
        INSERT INTO work_days (responder_id, day, incident_id, working, late, sleeping)
        SELECT s.responder_id, d.day::date, s.incident_id,
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'working'), 0),
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'late'), 0),
               coalesce(sum(x.minutes) FILTER (WHERE s.bucket = 'sleeping'), 0)
          FROM work_segments s
         CROSS JOIN LATERAL generate_series(date_trunc('day', s.start_at AT TIME ZONE zone),
                                            date_trunc('day', (s.end_at - interval '1 microsecond') AT TIME ZONE zone), interval '1 day') AS d(day)
         CROSS JOIN LATERAL (SELECT d.day AT TIME ZONE zone AS day_start, (d.day + interval '1 day') AT TIME ZONE zone AS day_end) b
         CROSS JOIN LATERAL (SELECT extract(epoch FROM least(s.end_at, b.day_end) - greatest(s.start_at, b.day_start))::float8 / 60 * s.share AS minutes) x
         GROUP BY s.responder_id, d.day, s.incident_id;
      END $$`);
    await queryRunner.query(`SELECT firewatch_work_days_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER tr_work_segments_days_${op} ON work_segments`);
    await queryRunner.query(`DROP FUNCTION firewatch_work_days_rebuild()`);
    await queryRunner.query(`DROP FUNCTION firewatch_work_days_of_segments()`);
    await queryRunner.query(`DROP FUNCTION firewatch_work_days_refresh(integer[], date[])`);
    await queryRunner.query(`DROP INDEX "ix_work_segments_responder_start"`);
    await queryRunner.query(`DROP TABLE "work_days"`);
  }
}
