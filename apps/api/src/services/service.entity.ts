import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { ExternalId, Source } from '../database/columns.js';
import { Team } from '../teams/team.entity.js';

@Entity('services')
@Unique('uq_services_identity', ['source', 'externalId'])
@Check('ck_services_tier', '"tier" IS NULL OR "tier" BETWEEN 1 AND 5')
@Index('ix_services_team', ['teamId'])
export class Service {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'int', nullable: true }) teamId!: number | null;
  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;
  /** 1 = most critical. */
  @Column({ type: 'smallint', nullable: true }) tier!: number | null;
}
