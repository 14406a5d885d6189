import { parseArgs } from 'node:util';
import { TOKEN_SCOPES, generateToken, hashToken, tokenPrefix, type TokenScope } from '../auth/tokens.js';
import { TokensRepository } from '../auth/tokens.repository.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage:
  npm run token -- create --name NAME --scopes ingest,read
  npm run token -- list
  npm run token -- revoke ID`;

await runCli('token', async ({ dataSource }) => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' } },
  });
  const tokens = new TokensRepository(dataSource);
  const [command, arg] = positionals;
  switch (command) {
    case 'create': {
      const name = values.name?.trim();
      if (!name) throw new UsageError(`--name is required\n${USAGE}`);
      const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
      if (scopes.length === 0 || unknown.length > 0) {
        throw new UsageError(`--scopes must list one or more of ${TOKEN_SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
      }
      const token = generateToken();
      const record = await tokens.create(name, tokenPrefix(token), hashToken(token), [...new Set(scopes)] as TokenScope[]);
      process.stderr.write(`Created token ${record.id} "${record.name}" with scopes ${record.scopes.join(', ')}. It is shown once; store it now:\n`);
      process.stdout.write(`${token}\n`);
      return;
    }
    case 'list': {
      const rows = await tokens.list();
      if (rows.length === 0) {
        process.stdout.write('No tokens.\n');
        return;
      }
      for (const t of rows) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
        const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
        process.stdout.write(`${t.id}\t${t.prefix}…\t${t.name}\t${t.scopes.join(',')}\t${state}\t${used}\n`);
      }
      return;
    }
    case 'revoke': {
      const id = Number(arg);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError(`revoke needs a token id (see token list)\n${USAGE}`);
      if (!(await tokens.revoke(id))) throw new UsageError(`no active token with id ${id}`);
      process.stdout.write(`Revoked token ${id}.\n`);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
});
