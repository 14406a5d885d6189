import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { PAGE_CHANNELS, PAGE_REASONS } from '@firewatch/shared';
import { ExternalId, Instant, Source, oneOf } from '../database/columns.js';
import { Alert } from '../alerts/alert.entity.js';
import { Responder } from '../responders/responder.entity.js';

/** A notification of a responder about an alert. */
@Entity('pages')
@Unique('uq_pages_identity', ['source', 'externalId'])
@Check('ck_pages_channel', oneOf('channel', PAGE_CHANNELS))
@Check('ck_pages_reason', oneOf('reason', PAGE_REASONS))
@Check('ck_pages_level', '"level" >= 1')
@Index('ix_pages_at', ['at'])
@Index('ix_pages_responder_at', ['responderId', 'at'])
@Index('ix_pages_alert', ['alertId'])
export class Page {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'bigint' }) alertId!: string;
  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: Relation<Alert>;
  @Column({ type: 'int' }) responderId!: number;
  @ManyToOne(() => Responder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responder_id' })
  responder?: Relation<Responder>;
  @Instant() at!: Date;
  @Column({ type: 'text' }) channel!: string;
  /** Escalation level: 1 = primary, 2 = secondary, 3+ = wider. */
  @Column({ type: 'smallint' }) level!: number;
  @Column({ type: 'text' }) reason!: string;
}
