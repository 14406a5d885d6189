import { Entity, PrimaryGeneratedColumn, Column, Index, Check } from 'typeorm';

/** An API token; only the SHA-256 hash of the secret is stored. */
@Entity('api_tokens')
@Index('uq_api_tokens_hash', ['tokenHash'], { unique: true })
@Check('ck_api_tokens_scopes', `"scopes" <@ ARRAY['ingest', 'read']::text[] AND cardinality("scopes") > 0`)
export class ApiToken {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'text' }) name!: string;
  /** First characters of the token, shown in listings so a token can be recognised. */
  @Column({ type: 'text' }) prefix!: string;
  @Column({ type: 'text' }) tokenHash!: string;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
