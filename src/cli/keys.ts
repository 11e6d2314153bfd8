// `motcua keys create|list|revoke`: API keys of the agencies' one-stop systems. A new key is
// printed once; only its sha256 hash is stored, so `list` shows ids, agencies and dates only.
import { parseArgs } from 'node:util';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { createApiKey, revokeApiKey } from '../dossiers/keys';
import { DossierInputError } from '../dossiers/errors';
import { formatLocalDateTime } from '../local-time';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import { answerHelp, usageLines, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Khoá API cho hệ thống một cửa của từng cơ quan gửi hồ sơ vào motcua (/api/dossiers).',
  subcommands: {
    create: {
      usage: 'motcua keys create --agency <mã cơ quan>',
      summary: 'Tạo khoá mới cho một cơ quan; khoá chỉ in ra một lần (stdout), hãy lưu ngay. Máy chủ chỉ giữ mã băm.',
      example: 'motcua keys create --agency 000.00.20.H56',
    },
    list: {
      usage: 'motcua keys list [--all] [--json]',
      summary: 'Liệt kê các khoá đang dùng (mã khoá, cơ quan, ngày tạo giờ Việt Nam); --all kể cả khoá đã thu hồi; --json cho script (giờ ISO).',
      example: 'motcua keys list --all',
    },
    revoke: {
      usage: 'motcua keys revoke <mã khoá> [--json]',
      summary: 'Thu hồi một khoá: hệ thống một cửa dùng khoá đó bị từ chối (401) trong vòng 10 giây.',
      example: 'motcua keys revoke 3f2b7c1e-4d5a-4b8e-9c0d-1a2b3c4d5e6f',
    },
  },
};

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const usage = usageLines(HELP);
  let parsed: { positionals: string[]; values: { agency?: string; json?: boolean; all?: boolean } };
  try {
    parsed = parseArgs({ args: io.argv, options: { agency: { type: 'string' }, json: { type: 'boolean' }, all: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  const [action, id, extra] = parsed.positionals;
  const { agency, json, all } = parsed.values;
  const valid =
    (action === 'create' && agency !== undefined && id === undefined && !json && !all) ||
    (action === 'list' && id === undefined && agency === undefined) ||
    (action === 'revoke' && id !== undefined && extra === undefined && agency === undefined && !all);
  if (!valid) throw new UsageError(action && !HELP.subcommands![action] ? `unknown subcommand "${action}"\n${usage}` : usage);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const config = parseConfig(io.env);
  const context = await buildContext(config, { logger: silentLogger() });
  const keys = context.stores.apiKeys;
  try {
    if (action === 'list') {
      const rows = await keys.list(all === true);
      if (json) {
        out(JSON.stringify(rows.map((r) => ({ id: r.id, agency: r.agency_code, createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString() })), null, 2));
        return 0;
      }
      if (rows.length === 0) {
        out(all ? 'Chưa có khoá API nào.' : 'Không có khoá API nào đang dùng. Tạo khoá: motcua keys create --agency <mã cơ quan>');
        return 0;
      }
      out(`${rows.length} khoá API${all ? '' : ' đang dùng'}:`);
      for (const r of rows) {
        const state = r.revoked_at === null ? 'đang dùng' : `đã thu hồi lúc ${formatLocalDateTime(r.revoked_at)}`;
        out(`  ${r.id}  cơ quan ${r.agency_code}  tạo lúc ${formatLocalDateTime(r.created_at)}  ${state}`);
      }
      return 0;
    }
    if (action === 'revoke') {
      const now = new Date();
      const done = await revokeApiKey(keys, id!, now);
      if (json) out(JSON.stringify({ id, revoked: done, at: done ? now.toISOString() : null }));
      else if (done) out(`Đã thu hồi khoá ${id} lúc ${formatLocalDateTime(now)}; hệ thống dùng khoá này bị từ chối trong vòng 10 giây.`);
      else io.stderr.write(`motcua keys: không có khoá đang dùng nào mang mã ${id} (xem: motcua keys list --all)\n`);
      return done ? 0 : 1;
    }
    try {
      const created = await createApiKey(keys, agency!, new Date());
      io.stderr.write(`motcua keys: khoá mới ${created.id} cho cơ quan ${created.agencyCode}; khoá chỉ hiện một lần, hãy lưu ngay\n`);
      out(created.key);
      return 0;
    } catch (error) {
      if (error instanceof DossierInputError) throw new UsageError(error.message);
      throw error;
    }
  } finally {
    await context.close();
  }
}
