import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { ACTIVITY_KINDS } from '@firewatch/shared';
import { ExternalId, Instant, Source, oneOf } from '../database/columns.js';
import { Responder } from '../responders/responder.entity.js';
import { Incident } from '../incidents/incident.entity.js';

/** Something a responder did on an incident; `call` carries a real interval `[at, end_at)`. */
@Entity('activity')
@Unique('uq_activity_identity', ['source', 'externalId'])
@Check('ck_activity_kind', oneOf('kind', ACTIVITY_KINDS))
@Check('ck_activity_interval', `("kind" = 'call') = ("end_at" IS NOT NULL) AND ("end_at" IS NULL OR "end_at" > "at")`)
// The workload sweep reads each responder's activity in time order.
@Index('ix_activity_responder_at', ['responderId', 'at'])
@Index('ix_activity_incident', ['incidentId'])
// Calls, by when they end: an incremental recompute finds a call still running into its window.
@Index('ix_activity_calls', ['responderId', 'endAt'], { where: '"end_at" IS NOT NULL' })
export class Activity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'int' }) responderId!: number;
  @ManyToOne(() => Responder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responder_id' })
  responder?: Relation<Responder>;
  @Column({ type: 'int' }) incidentId!: number;
  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;
  @Instant() at!: Date;
  @Column({ type: 'text' }) kind!: string;
  @Instant({ nullable: true }) endAt!: Date | null;
}
