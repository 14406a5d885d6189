import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795260521353 implements MigrationInterface {
  name = 'InitialSchema1795260521353';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "teams" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "name" text NOT NULL, CONSTRAINT "uq_teams_identity" UNIQUE ("source", "external_id"), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "services" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "name" text NOT NULL, "team_id" integer, "tier" smallint, CONSTRAINT "uq_services_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_services_tier" CHECK ("tier" IS NULL OR "tier" BETWEEN 1 AND 5), CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_services_team" ON "services"  ("team_id") `);
    await queryRunner.query(`CREATE TABLE "responders" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "name" text NOT NULL, "email" text, "team_id" integer, "timezone" text, "working_hours" jsonb, "holiday_country" text, "started_at" TIMESTAMP WITH TIME ZONE, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_responders_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_responders_employment" CHECK ("left_at" IS NULL OR "started_at" IS NULL OR "left_at" > "started_at"), CONSTRAINT "PK_60c78d4e2644b8713884bcd6072" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_responders_team" ON "responders"  ("team_id") `);
    await queryRunner.query(`CREATE TABLE "incidents" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "severity" smallint NOT NULL, "team_id" integer, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "mitigated_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_incidents_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_incidents_mitigated_after_start" CHECK ("mitigated_at" IS NULL OR "mitigated_at" >= "started_at"), CONSTRAINT "ck_incidents_resolved_after_start" CHECK ("resolved_at" IS NULL OR "resolved_at" >= "started_at"), CONSTRAINT "ck_incidents_severity" CHECK ("severity" BETWEEN 1 AND 5), CONSTRAINT "ck_incidents_kind" CHECK ("kind" IN ('incident', 'game_day', 'test')), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_incidents_team" ON "incidents"  ("team_id") `);
    await queryRunner.query(`CREATE INDEX "ix_incidents_declared_at" ON "incidents"  ("kind", "declared_at") `);
    await queryRunner.query(`CREATE TABLE "incident_services" ("incident_id" integer NOT NULL, "service_id" integer NOT NULL, CONSTRAINT "PK_01487a5ba832cd2abc6ac69596a" PRIMARY KEY ("incident_id", "service_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_incident_services_service" ON "incident_services"  ("service_id") `);
    await queryRunner.query(`CREATE TABLE "incident_causes" ("incident_id" integer NOT NULL, "cause" text NOT NULL, CONSTRAINT "PK_809911b923427df58c9aea68e06" PRIMARY KEY ("incident_id", "cause"))`);
    await queryRunner.query(`CREATE INDEX "ix_incident_causes_cause" ON "incident_causes"  ("cause") `);
    await queryRunner.query(`CREATE TABLE "incident_roles" ("incident_id" integer NOT NULL, "responder_id" integer NOT NULL, "role" text NOT NULL, CONSTRAINT "PK_46c6d1388038aac4af53c1160e9" PRIMARY KEY ("incident_id", "responder_id", "role"))`);
    await queryRunner.query(`CREATE INDEX "ix_incident_roles_responder" ON "incident_roles"  ("responder_id") `);
    await queryRunner.query(`CREATE TABLE "alerts" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "rule" text NOT NULL, "service_id" integer, "severity" text, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_id" integer, "incident_id" integer, "feedback" text, CONSTRAINT "uq_alerts_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_alerts_resolved_after_fired" CHECK ("resolved_at" IS NULL OR "resolved_at" >= "fired_at"), CONSTRAINT "ck_alerts_feedback" CHECK ("feedback" IS NULL OR "feedback" IN ('actionable', 'false_positive', 'not_actionable', 'poor_details')), CONSTRAINT "ck_alerts_resolved_by" CHECK ("resolved_by" IS NULL OR "resolved_by" IN ('auto', 'human')), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_alerts_service" ON "alerts"  ("service_id") `);
    await queryRunner.query(`CREATE INDEX "ix_alerts_incident" ON "alerts"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "ix_alerts_rule" ON "alerts"  ("source", "rule", "fired_at") `);
    await queryRunner.query(`CREATE INDEX "ix_alerts_fired_at" ON "alerts"  ("fired_at") `);
    await queryRunner.query(`CREATE TABLE "pages" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "alert_id" bigint NOT NULL, "responder_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" text NOT NULL, "level" smallint NOT NULL, "reason" text NOT NULL, CONSTRAINT "uq_pages_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_pages_level" CHECK ("level" >= 1), CONSTRAINT "ck_pages_reason" CHECK ("reason" IN ('initial', 'timeout', 'manual', 'reassigned')), CONSTRAINT "ck_pages_channel" CHECK ("channel" IN ('phone', 'sms', 'push', 'email', 'chat')), CONSTRAINT "PK_8f21ed625aa34c8391d636b7d3b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_pages_alert" ON "pages"  ("alert_id") `);
    await queryRunner.query(`CREATE INDEX "ix_pages_responder_at" ON "pages"  ("responder_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_pages_at" ON "pages"  ("at") `);
    await queryRunner.query(`CREATE TABLE "shifts" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "responder_id" integer NOT NULL, "rotation" text NOT NULL, "level" smallint NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_shifts_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_shifts_level" CHECK ("level" >= 1), CONSTRAINT "ck_shifts_interval" CHECK ("end_at" > "start_at"), CONSTRAINT "PK_84d692e367e4d6cdf045828768c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_shifts_responder_start" ON "shifts"  ("responder_id", "start_at") `);
    await queryRunner.query(`CREATE INDEX "ix_shifts_start" ON "shifts"  ("start_at") `);
    await queryRunner.query(`CREATE TABLE "activity" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "responder_id" integer NOT NULL, "incident_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_activity_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_activity_interval" CHECK (("kind" = 'call') = ("end_at" IS NOT NULL) AND ("end_at" IS NULL OR "end_at" > "at")), CONSTRAINT "ck_activity_kind" CHECK ("kind" IN ('message', 'status_update', 'role_change', 'action', 'page_ack', 'call')), CONSTRAINT "PK_24625a1d6b1b089c8ae206fe467" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_activity_incident" ON "activity"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "ix_activity_responder_at" ON "activity"  ("responder_id", "at") `);
    await queryRunner.query(`CREATE TABLE "annotations" ("id" SERIAL NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_annotations_identity" UNIQUE ("source", "external_id"), CONSTRAINT "ck_annotations_interval" CHECK ("end_at" IS NULL OR "end_at" >= "at"), CONSTRAINT "ck_annotations_kind" CHECK ("kind" IN ('launch', 'migration', 'freeze', 'reorg', 'other')), CONSTRAINT "PK_d5b59b40ef7ee54b4309c2e89b2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_annotations_at" ON "annotations"  ("at") `);
    await queryRunner.query(`CREATE TABLE "annotation_services" ("annotation_id" integer NOT NULL, "service_id" integer NOT NULL, CONSTRAINT "PK_060d0d00d88aac1ef13d42eefb3" PRIMARY KEY ("annotation_id", "service_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_annotation_services_service" ON "annotation_services"  ("service_id") `);
    await queryRunner.query(`CREATE TABLE "settings" ("id" smallint NOT NULL, "timezone" text NOT NULL, "holiday_country" text, "working_hours" jsonb NOT NULL, "sleeping_hours" jsonb NOT NULL, "major_severity" smallint NOT NULL, "readiness_window_days" integer NOT NULL, "readiness_min_minutes" integer NOT NULL, "transient_minutes" integer NOT NULL, "hourly_cost" numeric(12,2), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_settings_major_severity" CHECK ("major_severity" BETWEEN 1 AND 5), CONSTRAINT "ck_settings_single_row" CHECK ("id" = 1), CONSTRAINT "PK_0669fe20e252eb692bf4d344975" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "api_tokens" ("id" SERIAL NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "token_hash" text NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_api_tokens_scopes" CHECK ("scopes" <@ ARRAY['ingest', 'read']::text[] AND cardinality("scopes") > 0), CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "services" ADD CONSTRAINT "FK_4235d777902fff95b8d3330af23" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "responders" ADD CONSTRAINT "FK_a36f48385d750d26ac96d1e33dd" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incidents" ADD CONSTRAINT "FK_58f33aa496c8256e5afa4c3a21a" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_services" ADD CONSTRAINT "FK_386fd67f26b5dfe5558efdf1b83" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_services" ADD CONSTRAINT "FK_330d291573de0921b5341d4f562" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_causes" ADD CONSTRAINT "FK_5f878ca3203e88bd6a89971c981" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_roles" ADD CONSTRAINT "FK_82e5937e16eeaa7bc753ef6a022" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_roles" ADD CONSTRAINT "FK_fb6bfbb1629e7b5ff707c437652" FOREIGN KEY ("responder_id") REFERENCES "responders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_7627a9c7ac3776e77646044afe3" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_00f213b9af2a7f181a831e85182" FOREIGN KEY ("acknowledged_by_id") REFERENCES "responders"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "FK_6e15df0968c2ca8649f2cdeb22b" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pages" ADD CONSTRAINT "FK_2bdf5057877e1f05d535fdd2ce3" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pages" ADD CONSTRAINT "FK_d4293cd52f68208482223bc243f" FOREIGN KEY ("responder_id") REFERENCES "responders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "shifts" ADD CONSTRAINT "FK_61f571ba0be96d9d195de813683" FOREIGN KEY ("responder_id") REFERENCES "responders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activity" ADD CONSTRAINT "FK_920b8294ba821739158fc9b3022" FOREIGN KEY ("responder_id") REFERENCES "responders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activity" ADD CONSTRAINT "FK_da4935cdfedf60f2bf2e90c7bbd" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotation_services" ADD CONSTRAINT "FK_d8161e3a66488ce278ba898d990" FOREIGN KEY ("annotation_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotation_services" ADD CONSTRAINT "FK_21f23e483bf8cd15c8f0b029977" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // The organisation's settings row with the defaults of SPEC §1 (PUT /api/v1/settings changes it).
    await queryRunner.query(
      `INSERT INTO "settings" ("id", "timezone", "holiday_country", "working_hours", "sleeping_hours", "major_severity", "readiness_window_days", "readiness_min_minutes", "transient_minutes", "hourly_cost")
       VALUES (1, 'UTC', NULL, '{"days":[1,2,3,4,5],"start":"08:00","end":"19:00"}', '{"start":"23:00","end":"08:00"}', 2, 60, 15, 10, NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotation_services" DROP CONSTRAINT "FK_21f23e483bf8cd15c8f0b029977"`);
    await queryRunner.query(`ALTER TABLE "annotation_services" DROP CONSTRAINT "FK_d8161e3a66488ce278ba898d990"`);
    await queryRunner.query(`ALTER TABLE "activity" DROP CONSTRAINT "FK_da4935cdfedf60f2bf2e90c7bbd"`);
    await queryRunner.query(`ALTER TABLE "activity" DROP CONSTRAINT "FK_920b8294ba821739158fc9b3022"`);
    await queryRunner.query(`ALTER TABLE "shifts" DROP CONSTRAINT "FK_61f571ba0be96d9d195de813683"`);
    await queryRunner.query(`ALTER TABLE "pages" DROP CONSTRAINT "FK_d4293cd52f68208482223bc243f"`);
    await queryRunner.query(`ALTER TABLE "pages" DROP CONSTRAINT "FK_2bdf5057877e1f05d535fdd2ce3"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_6e15df0968c2ca8649f2cdeb22b"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_00f213b9af2a7f181a831e85182"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_7627a9c7ac3776e77646044afe3"`);
    await queryRunner.query(`ALTER TABLE "incident_roles" DROP CONSTRAINT "FK_fb6bfbb1629e7b5ff707c437652"`);
    await queryRunner.query(`ALTER TABLE "incident_roles" DROP CONSTRAINT "FK_82e5937e16eeaa7bc753ef6a022"`);
    await queryRunner.query(`ALTER TABLE "incident_causes" DROP CONSTRAINT "FK_5f878ca3203e88bd6a89971c981"`);
    await queryRunner.query(`ALTER TABLE "incident_services" DROP CONSTRAINT "FK_330d291573de0921b5341d4f562"`);
    await queryRunner.query(`ALTER TABLE "incident_services" DROP CONSTRAINT "FK_386fd67f26b5dfe5558efdf1b83"`);
    await queryRunner.query(`ALTER TABLE "incidents" DROP CONSTRAINT "FK_58f33aa496c8256e5afa4c3a21a"`);
    await queryRunner.query(`ALTER TABLE "responders" DROP CONSTRAINT "FK_a36f48385d750d26ac96d1e33dd"`);
    await queryRunner.query(`ALTER TABLE "services" DROP CONSTRAINT "FK_4235d777902fff95b8d3330af23"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP TABLE "settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_annotation_services_service"`);
    await queryRunner.query(`DROP TABLE "annotation_services"`);
    await queryRunner.query(`DROP INDEX "public"."ix_annotations_at"`);
    await queryRunner.query(`DROP TABLE "annotations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_activity_responder_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_activity_incident"`);
    await queryRunner.query(`DROP TABLE "activity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shifts_start"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shifts_responder_start"`);
    await queryRunner.query(`DROP TABLE "shifts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pages_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pages_responder_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pages_alert"`);
    await queryRunner.query(`DROP TABLE "pages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_fired_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_rule"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alerts_service"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_roles_responder"`);
    await queryRunner.query(`DROP TABLE "incident_roles"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_causes_cause"`);
    await queryRunner.query(`DROP TABLE "incident_causes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_services_service"`);
    await queryRunner.query(`DROP TABLE "incident_services"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_declared_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_team"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_responders_team"`);
    await queryRunner.query(`DROP TABLE "responders"`);
    await queryRunner.query(`DROP INDEX "public"."ix_services_team"`);
    await queryRunner.query(`DROP TABLE "services"`);
    await queryRunner.query(`DROP TABLE "teams"`);
  }
}
