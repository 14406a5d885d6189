import { Entity, PrimaryGeneratedColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { ExternalId, Instant, Source } from '../database/columns.js';
import { Responder } from '../responders/responder.entity.js';

/** An on-call shift `[start, end)`. */
@Entity('shifts')
@Unique('uq_shifts_identity', ['source', 'externalId'])
@Check('ck_shifts_interval', '"end_at" > "start_at"')
@Check('ck_shifts_level', '"level" >= 1')
@Index('ix_shifts_start', ['startAt'])
@Index('ix_shifts_responder_start', ['responderId', 'startAt'])
export class Shift {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'int' }) responderId!: number;
  @ManyToOne(() => Responder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responder_id' })
  responder?: Relation<Responder>;
  @Column({ type: 'text' }) rotation!: string;
  @Column({ type: 'smallint' }) level!: number;
  @Instant() startAt!: Date;
  @Instant() endAt!: Date;
}
