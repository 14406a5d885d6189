import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TokenScope } from './tokens.js';

export interface TokenRecord {
  id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string, prefix: string, hash: string, scopes: TokenScope[]): Promise<TokenRecord> {
    const [row] = await this.dataSource.query(
      `INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [name, prefix, hash, scopes],
    );
    return row;
  }

  list(): Promise<TokenRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`);
  }

  /** Marks a token revoked; false when no such active token exists. */
  async revoke(id: number): Promise<boolean> {
    // Wrapped in a CTE: TypeORM answers a top-level UPDATE … RETURNING as [rows, count].
    const rows: unknown[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM revoked`,
      [id],
    );
    return rows.length > 0;
  }

  /** The active token with this hash, if any; notes its use at most once a minute. */
  async findActiveByHash(hash: string): Promise<TokenRecord | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, [hash]);
    if (row && (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > 60_000)) {
      void this.dataSource.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.id]).catch(() => undefined);
    }
    return row;
  }
}
