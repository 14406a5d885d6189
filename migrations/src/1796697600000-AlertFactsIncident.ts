import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertFactsIncident1796697600000 implements MigrationInterface {
  name = 'AlertFactsIncident1796697600000';

  // The incident list's escalation-reason filter reads an incident's alerts from the facts.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_alert_facts_incident" ON "alert_facts" ("incident_id") WHERE "incident_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_alert_facts_incident"`);
  }
}
