import { Entity, PrimaryColumn, Column } from 'typeorm';

/** Webhook deliveries already processed, so a redelivered event is not applied twice. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn({ type: 'text' }) source!: string;
  @PrimaryColumn({ type: 'text' }) deliveryId!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
