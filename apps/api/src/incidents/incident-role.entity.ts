import { Entity, PrimaryColumn, ManyToOne, JoinColumn, Index, type Relation } from 'typeorm';
import { Incident } from './incident.entity.js';
import { Responder } from '../responders/responder.entity.js';

/** A role a responder held on an incident (e.g. `lead`). */
@Entity('incident_roles')
@Index('ix_incident_roles_responder', ['responderId'])
export class IncidentRole {
  @PrimaryColumn({ type: 'int' }) incidentId!: number;
  @PrimaryColumn({ type: 'int' }) responderId!: number;
  @PrimaryColumn({ type: 'text' }) role!: string;
  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;
  @ManyToOne(() => Responder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responder_id' })
  responder?: Relation<Responder>;
}
