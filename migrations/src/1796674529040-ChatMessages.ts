import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChatMessages1796674529040 implements MigrationInterface {
  name = 'ChatMessages1796674529040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "chat_messages" ("id" BIGSERIAL NOT NULL, "workspace_id" text, "channel_id" text NOT NULL, "ts" text NOT NULL, "user_id" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "thread_ts" text, "origin" text NOT NULL, "activity_id" bigint, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_chat_messages_identity" UNIQUE ("channel_id", "ts"), CONSTRAINT "ck_chat_messages_origin" CHECK ("origin" IN ('events', 'export')), CONSTRAINT "PK_40c55ee0e571e268b0d3cd37d10" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_chat_messages_activity" ON "chat_messages"  ("activity_id") `);
    await queryRunner.query(`CREATE INDEX "ix_chat_messages_waiting" ON "chat_messages"  ("user_id", "channel_id") WHERE "activity_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "responders" ADD "chat_user_id" text`);
    await queryRunner.query(`ALTER TABLE "incidents" ADD "chat_channel_id" text`);
    await queryRunner.query(`CREATE INDEX "ix_responders_chat_user" ON "responders"  ("chat_user_id") WHERE "chat_user_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_incidents_chat_channel" ON "incidents"  ("chat_channel_id") WHERE "chat_channel_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "FK_feb45d9f8f1a1c4d86213aa17e4" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "FK_feb45d9f8f1a1c4d86213aa17e4"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_chat_channel"`);
    await queryRunner.query(`DROP INDEX "public"."ix_responders_chat_user"`);
    await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "chat_channel_id"`);
    await queryRunner.query(`ALTER TABLE "responders" DROP COLUMN "chat_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_waiting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_activity"`);
    await queryRunner.query(`DROP TABLE "chat_messages"`);
  }
}
