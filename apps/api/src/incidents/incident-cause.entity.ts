import { Entity, PrimaryColumn, ManyToOne, JoinColumn, Index, type Relation } from 'typeorm';
import { Incident } from './incident.entity.js';

/** Cause tags of an incident (many per incident). */
@Entity('incident_causes')
@Index('ix_incident_causes_cause', ['cause'])
export class IncidentCause {
  @PrimaryColumn({ type: 'int' }) incidentId!: number;
  @PrimaryColumn({ type: 'text' }) cause!: string;
  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;
}
