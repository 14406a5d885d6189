import pg from 'pg';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';

/** Creates an API token directly in the database at `databaseUrl` (as the CLI would) and returns the secret. */
export async function insertToken(databaseUrl: string, name: string, scopes: Array<'ingest' | 'read'>): Promise<string> {
  const token = generateToken();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, $4)`, [name, tokenPrefix(token), hashToken(token), scopes]);
  } finally {
    await client.end();
  }
  return token;
}
