import { MigrationInterface, QueryRunner } from 'typeorm';

/** Manufacturing-progress notifications name the step they report, so a client can match them to the batch record. */
export class NotificationStepCode1763700400200 implements MigrationInterface {
  name = 'NotificationStepCode1763700400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN step_code TEXT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification DROP COLUMN step_code`);
  }
}
