import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDeliveries1795260919227 implements MigrationInterface {
  name = 'WebhookDeliveries1795260919227';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("source" text NOT NULL, "delivery_id" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2cec619ba3e348e8a05fc976f9c" PRIMARY KEY ("source", "delivery_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
  }
}
