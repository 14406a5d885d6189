import { Entity, PrimaryGeneratedColumn, Column, Unique, Index, Check, ManyToOne, JoinColumn, type Relation } from 'typeorm';
import { Instant, oneOf } from '../database/columns.js';
import { Activity } from '../activity/activity.entity.js';

/** How a chat message reached Firewatch. */
export const CHAT_MESSAGE_ORIGINS = ['events', 'export'] as const;

/**
 * A message posted by a person in a chat channel, kept whether or not its channel names an incident
 * and its author a responder yet. Once both are known it becomes an `activity` row (`activity_id`);
 * until then it is waiting. A message is identified by its channel and its `ts` (Slack's id of a
 * message within a channel), so the same message from the Events API and from an export is one row.
 */
@Entity('chat_messages')
@Unique('uq_chat_messages_identity', ['channelId', 'ts'])
@Check('ck_chat_messages_origin', oneOf('origin', CHAT_MESSAGE_ORIGINS))
// Materialising reads only the waiting messages.
@Index('ix_chat_messages_waiting', ['userId', 'channelId'], { where: '"activity_id" IS NULL' })
@Index('ix_chat_messages_activity', ['activityId'])
export class ChatMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** The chat workspace (Slack team id `T…`), when the sender says. */
  @Column({ type: 'text', nullable: true }) workspaceId!: string | null;
  @Column({ type: 'text' }) channelId!: string;
  /** Slack's message timestamp (`1355517523.000005`): the message's id within its channel. */
  @Column({ type: 'text' }) ts!: string;
  @Column({ type: 'text' }) userId!: string;
  @Instant() at!: Date;
  /** The `ts` of the thread's parent for a thread reply; null for a top-level message. */
  @Column({ type: 'text', nullable: true }) threadTs!: string | null;
  @Column({ type: 'text' }) origin!: string;
  /** The activity the message became; null while its channel or author is not mapped. */
  @Column({ type: 'bigint', nullable: true }) activityId!: string | null;
  @ManyToOne(() => Activity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
