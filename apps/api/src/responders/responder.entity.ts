import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import type { WorkingHours } from '@firewatch/shared';
import { ExternalId, Instant, Source } from '../database/columns.js';
import { Team } from '../teams/team.entity.js';

@Entity('responders')
@Unique('uq_responders_identity', ['source', 'externalId'])
@Check('ck_responders_employment', '"left_at" IS NULL OR "started_at" IS NULL OR "left_at" > "started_at"')
@Index('ix_responders_team', ['teamId'])
// Chat messages find their author by chat user id (see chat/chat.repository.ts).
@Index('ix_responders_chat_user', ['chatUserId'], { where: '"chat_user_id" IS NOT NULL' })
export class Responder {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'int', nullable: true }) teamId!: number | null;
  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;
  /** IANA zone; null = the organisation time zone. */
  @Column({ type: 'text', nullable: true }) timezone!: string | null;
  /** Per-responder override of the organisation working hours; null = organisation default. */
  @Column({ type: 'jsonb', nullable: true }) workingHours!: WorkingHours | null;
  /** ISO country (and region) for public holidays; null = organisation default. */
  @Column({ type: 'text', nullable: true }) holidayCountry!: string | null;
  @Instant({ nullable: true }) startedAt!: Date | null;
  /** Left the company or the rotation; null = active. */
  @Instant({ nullable: true }) leftAt!: Date | null;
  /** User id in the incident chat (Slack `U…`); null = their chat messages are not attributed yet. */
  @Column({ type: 'text', nullable: true }) chatUserId!: string | null;
}
