import { Entity, PrimaryColumn, Column, Check } from 'typeorm';
import type { ClockWindow, WorkingHours } from '@firewatch/shared';

/** The organisation's settings: exactly one row (id = 1), created by the initial migration. */
@Entity('settings')
@Check('ck_settings_single_row', '"id" = 1')
@Check('ck_settings_major_severity', '"major_severity" BETWEEN 1 AND 5')
export class SettingsRow {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'text' }) timezone!: string;
  @Column({ type: 'text', nullable: true }) holidayCountry!: string | null;
  @Column({ type: 'jsonb' }) workingHours!: WorkingHours;
  @Column({ type: 'jsonb' }) sleepingHours!: ClockWindow;
  @Column({ type: 'smallint' }) majorSeverity!: number;
  @Column({ type: 'int' }) readinessWindowDays!: number;
  @Column({ type: 'int' }) readinessMinMinutes!: number;
  @Column({ type: 'int' }) transientMinutes!: number;
  /** Cost of one responder-hour; null = no cost shown. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true }) hourlyCost!: string | null;
  /** On-call health flag thresholds (METRICS.md "On-call health"). */
  @Column({ type: 'double precision', default: 3 }) oncallMedianFactor!: number;
  @Column({ type: 'int', default: 3 }) oncallMinDisruptedNights!: number;
  @Column({ type: 'int', default: 5 }) oncallMinInterruptions!: number;
  @Column({ type: 'int', default: 3 }) oncallMaxConsecutiveWeeks!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
