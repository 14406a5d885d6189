import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { INCIDENT_KINDS } from '@firewatch/shared';
import { ExternalId, Instant, Source, oneOf } from '../database/columns.js';
import { Team } from '../teams/team.entity.js';

@Entity('incidents')
@Unique('uq_incidents_identity', ['source', 'externalId'])
@Check('ck_incidents_kind', oneOf('kind', INCIDENT_KINDS))
@Check('ck_incidents_severity', '"severity" BETWEEN 1 AND 5')
@Check('ck_incidents_resolved_after_start', '"resolved_at" IS NULL OR "resolved_at" >= "started_at"')
@Check('ck_incidents_mitigated_after_start', '"mitigated_at" IS NULL OR "mitigated_at" >= "started_at"')
@Index('ix_incidents_declared_at', ['kind', 'declaredAt'])
@Index('ix_incidents_team', ['teamId'])
// Chat messages find their incident by channel id (see chat/chat.repository.ts).
@Index('ix_incidents_chat_channel', ['chatChannelId'], { where: '"chat_channel_id" IS NOT NULL' })
export class Incident {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'text' }) title!: string;
  /** `incident` counts everywhere; `game_day` only in readiness and its own workload line; `test` nowhere. */
  @Column({ type: 'text' }) kind!: string;
  /** 1 = most severe. */
  @Column({ type: 'smallint' }) severity!: number;
  @Column({ type: 'int', nullable: true }) teamId!: number | null;
  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;
  @Instant() declaredAt!: Date;
  /** Impact start; equals declaredAt when the source does not say. */
  @Instant() startedAt!: Date;
  @Instant({ nullable: true }) acknowledgedAt!: Date | null;
  @Instant({ nullable: true }) mitigatedAt!: Date | null;
  @Instant({ nullable: true }) resolvedAt!: Date | null;
  /** The incident's chat channel (Slack `C…`); its messages are activity on this incident. */
  @Column({ type: 'text', nullable: true }) chatChannelId!: string | null;
}
