import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

/**
 * Durable queue of workload to recompute: a responder and the time window whose activity changed.
 * Filled by triggers in the same transaction as the change (activity written, an incident's kind or
 * a responder's calendar changed), drained by the workload worker; a crash in between loses nothing.
 */
@Entity('workload_queue')
export class WorkloadQueueItem {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'int' }) responderId!: number;
  /** `-infinity` / `infinity` mean the responder's whole history. */
  @Column({ type: 'timestamptz' }) fromAt!: Date;
  @Column({ type: 'timestamptz' }) toAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) enqueuedAt!: Date;
}
