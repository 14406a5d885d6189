import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../../../database/columns.js';
import { TIME_BUCKETS } from '../../workload/workload-rules.js';

/**
 * The noise facts (SPEC §2.5) kept current at ingest: one row per alert and one per page, derived from
 * `alerts`, `pages`, `incidents`, `services` and the calendars, never ingested. The noise report, the
 * overview's noise figures, the responder page and on-call health read these instead of the raw rows.
 * No foreign keys: the worker replaces rows set-wise and a rebuild writes at full speed.
 */

/** The base class of an escalated alert; `unacked` is `transient` or `ignored` by the transient threshold. */
export const ALERT_BASE_CLASSES = ['actionable', 'flagged', 'ack_only', 'unacked'] as const;

@Entity('alert_facts')
@Check('ck_alert_facts_base_class', oneOf('base_class', ALERT_BASE_CLASSES, true))
@Index('ix_alert_facts_fired_at', ['firedAt'])
@Index('ix_alert_facts_incident', ['incidentId'], { where: '"incident_id" IS NOT NULL' })
@Index('ix_alert_facts_predecessor', ['source', 'rule', 'resolvedAt'], { where: '"predecessor"' })
export class AlertFact {
  @PrimaryColumn({ type: 'bigint' }) alertId!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'int', nullable: true }) serviceId!: number | null;
  /** The team of the alert's service. */
  @Column({ type: 'int', nullable: true }) teamId!: number | null;
  /** The severity on the incident scale 1..5 (`ALERT_SEVERITY_RANK`); null: no severity filter matches it. */
  @Column({ type: 'smallint', nullable: true }) severityRank!: number | null;
  @Column({ type: 'timestamptz' }) firedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  /** Not linked to a `test` incident: counted in every report (SPEC §1). */
  @Column({ type: 'boolean' }) counted!: boolean;
  /** Counted, resolved, and open at most 7 days: may make a later alert of its rule and service a flap. */
  @Column({ type: 'boolean' }) predecessor!: boolean;
  @Column({ type: 'boolean' }) flap!: boolean;
  /** At least one page. */
  @Column({ type: 'boolean' }) escalated!: boolean;
  /** Class of an escalated alert before the transient threshold applies; null when not escalated. */
  @Column({ type: 'text', nullable: true }) baseClass!: string | null;
  /** Seconds from firing to an automatic resolution (`resolvedBy = auto`); null otherwise. */
  @Column({ type: 'double precision', nullable: true }) autoResolvedSeconds!: number | null;
  /** Minutes from firing to acknowledgement; null when never acknowledged at a known time. */
  @Column({ type: 'double precision', nullable: true }) ttaMinutes!: number | null;
  @Column({ type: 'int', nullable: true }) incidentId!: number | null;
  /** Linked to an incident of kind `incident` (escalation depth counts those incidents). */
  @Column({ type: 'boolean' }) incidentCounts!: boolean;
  /** The first page at level ≥ 2 (earliest, then lowest level, then by responder and page id). */
  @Column({ type: 'timestamptz', nullable: true }) escalatedAt!: Date | null;
  @Column({ type: 'smallint', nullable: true }) escalatedLevel!: number | null;
  @Column({ type: 'text', nullable: true }) escalatedReason!: string | null;
}

@Entity('page_facts')
@Check('ck_page_facts_bucket', oneOf('bucket', TIME_BUCKETS, true))
@Index('ix_page_facts_fired_at', ['firedAt'])
@Index('ix_page_facts_at', ['at'])
@Index('ix_page_facts_alert', ['alertId'])
@Index('ix_page_facts_responder_fired', ['responderId', 'firedAt'])
@Index('ix_page_facts_merge', ['responderId', 'at', 'pageId'], { where: '"counted" AND "interrupting"' })
export class PageFact {
  @PrimaryColumn({ type: 'bigint' }) pageId!: string;
  @Column({ type: 'bigint' }) alertId!: string;
  @Column({ type: 'int' }) responderId!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** On phone, sms or push. */
  @Column({ type: 'boolean' }) interrupting!: boolean;
  /** The alert's: counted, firedAt, service, team and severity rank (what a report selects alerts by). */
  @Column({ type: 'boolean' }) counted!: boolean;
  @Column({ type: 'timestamptz' }) firedAt!: Date;
  @Column({ type: 'int', nullable: true }) serviceId!: number | null;
  @Column({ type: 'int', nullable: true }) teamId!: number | null;
  @Column({ type: 'smallint', nullable: true }) severityRank!: number | null;
  /** The alert's rule, and whether its class is not `actionable` (an interruption it opens is noisy). */
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'boolean' }) noisy!: boolean;
  /** Opens an interruption of the responder (counted interrupting pages only). */
  @Column({ type: 'boolean' }) opens!: boolean;
  /** An opening page on the responder's calendar: SPEC §2.1 bucket, local clock hour, night. */
  @Column({ type: 'text', nullable: true }) bucket!: string | null;
  @Column({ type: 'text', nullable: true }) localHour!: string | null;
  @Column({ type: 'date', nullable: true }) night!: string | null;
}

/**
 * Durable queue of noise facts to recompute, filled by triggers in the same transaction as the change:
 * alerts to recompute (with their pages and the flaps their resolution decides), and a responder's
 * window of pages whose interruption merge and calendar placement to redo.
 */
@Entity('noise_queue')
export class NoiseQueueItem {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'bigint', array: true, nullable: true }) alertIds!: string[] | null;
  @Column({ type: 'int', nullable: true }) responderId!: number | null;
  /** `-infinity` / `infinity`: the responder's whole history. */
  @Column({ type: 'timestamptz', nullable: true }) fromAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) toAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) enqueuedAt!: Date;
}
