import { Entity, PrimaryGeneratedColumn, Column, Unique } from 'typeorm';
import { ExternalId, Source } from '../database/columns.js';

@Entity('teams')
@Unique('uq_teams_identity', ['source', 'externalId'])
export class Team {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'text' }) name!: string;
}
