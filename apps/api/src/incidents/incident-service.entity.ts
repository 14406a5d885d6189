import { Entity, PrimaryColumn, ManyToOne, JoinColumn, Index, type Relation } from 'typeorm';
import { Incident } from './incident.entity.js';
import { Service } from '../services/service.entity.js';

/** Services an incident affected (many-to-many). */
@Entity('incident_services')
@Index('ix_incident_services_service', ['serviceId'])
export class IncidentService {
  @PrimaryColumn({ type: 'int' }) incidentId!: number;
  @PrimaryColumn({ type: 'int' }) serviceId!: number;
  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;
  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service?: Relation<Service>;
}
