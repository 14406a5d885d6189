import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { ALERT_FEEDBACK, ALERT_RESOLVED_BY } from '@firewatch/shared';
import { ExternalId, Instant, Source, oneOf } from '../database/columns.js';
import { Service } from '../services/service.entity.js';
import { Responder } from '../responders/responder.entity.js';
import { Incident } from '../incidents/incident.entity.js';

@Entity('alerts')
@Unique('uq_alerts_identity', ['source', 'externalId'])
@Check('ck_alerts_resolved_by', oneOf('resolved_by', ALERT_RESOLVED_BY, true))
@Check('ck_alerts_feedback', oneOf('feedback', ALERT_FEEDBACK, true))
@Check('ck_alerts_resolved_after_fired', '"resolved_at" IS NULL OR "resolved_at" >= "fired_at"')
@Index('ix_alerts_fired_at', ['firedAt'])
@Index('ix_alerts_rule', ['source', 'rule', 'firedAt'])
@Index('ix_alerts_incident', ['incidentId'])
@Index('ix_alerts_service', ['serviceId'])
export class Alert {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  /** The alert name / fingerprint template: what a human would tune. */
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'int', nullable: true }) serviceId!: number | null;
  @ManyToOne(() => Service, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'service_id' })
  service?: Relation<Service>;
  @Column({ type: 'text', nullable: true }) severity!: string | null;
  @Instant() firedAt!: Date;
  @Instant({ nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) resolvedBy!: string | null;
  @Instant({ nullable: true }) acknowledgedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) acknowledgedById!: number | null;
  @ManyToOne(() => Responder, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'acknowledged_by_id' })
  acknowledgedBy?: Relation<Responder>;
  @Column({ type: 'int', nullable: true }) incidentId!: number | null;
  @ManyToOne(() => Incident, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;
  @Column({ type: 'text', nullable: true }) feedback!: string | null;
}
