// `motcua serve` killed (kill -9) after it acknowledged a Zalo event and a Telegram webhook
// update, while their answers are on the way: the events were stored before the 200, so the
// restarted server answers each of them, once. Platform retries of those events, before the
// kill and after the restart, are not answered again. On SQLite and on PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NON_TEXT } from '../../src/channels/wording';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';
import { POSTGRES_URL } from '../helpers/stores';
import { freePort } from '../helpers/ports';
import { waitUntil } from '../helpers/wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OA_KEY = 'oa-crash-key';
const SECRET = 'webhook-crash-secret';
const NON_TEXT_LINE = (NON_TEXT.blocks[0] as { text: string }).text;


function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`webhook events across kill -9 [${dialect}]`, () => {
    let dir: string;
    let telegram: FakeTelegram;
    let zalo: FakeZalo;
    let db: Db;
    let databaseUrl: string;
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-webhook-crash-'));
      telegram = await startFakeTelegram();
      zalo = await startFakeZalo();
      if (dialect === 'sqlite') {
        databaseUrl = `sqlite:${path.join(dir, 'motcua.db')}`;
        db = await openDatabase(databaseUrl);
      } else {
        // The server takes only a URL: the suite's schema goes in as the connection's search_path.
        db = await openDatabase(POSTGRES_URL, { schema });
        const url = new URL(POSTGRES_URL);
        url.searchParams.set('options', `-c search_path=${schema}`);
        databaseUrl = url.toString();
      }
    });

    afterAll(async () => {
      for (const child of children) {
        child.kill('SIGKILL');
        await exited(child);
      }
      await db?.close();
      if (dialect === 'postgres') await dropSchema(POSTGRES_URL, schema);
      await telegram?.close();
      await zalo?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** The real CLI, `motcua serve`, with both channels pointed at the fakes; resolves once Telegram's webhook is set. */
    async function startServer(port: number): Promise<{ child: ChildProcess; log: () => string }> {
      telegram.webhook = undefined;
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.mjs'), 'serve'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info',
          ...telegram.env(), TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/telegram`, TELEGRAM_WEBHOOK_SECRET: SECRET,
          ...zalo.env(OA_KEY),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      await telegram.until(() => telegram.webhook !== undefined || child.exitCode !== null, 'the server to set its webhook', 60_000);
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
      return { child, log: () => out };
    }

    it('answers each acknowledged event once after a restart, and never a retry of it', { timeout: 180_000 }, async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const zaloEvent = signedZaloEvent({ appId: zalo.appId, oaSecretKey: OA_KEY, userId: 'zcrash', text: 'le phi dang ky khai sinh', msgId: `crash-${dialect}` });
      const postZalo = async (event: { body: string; headers: Record<string, string> }) => {
        const response = await fetch(`${url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
        await response.arrayBuffer();
        return response.status;
      };
      const tgUpdate = { ...telegram.textUpdate(8801, 'thu tuc dang ky ket hon'), update_id: 501 };
      const postTelegram = async (update: Record<string, unknown>) => {
        const response = await fetch(`${url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
        await response.arrayBuffer();
        return response.status;
      };
      const pending = async () => (await db.kysely.selectFrom('webhook_inbox').select(['channel', 'event_id']).where('done_at', 'is', null).orderBy('channel').execute());

      // 1. The first server takes both events; each answer is held at the platform when the kill comes.
      const first = await startServer(port);
      zalo.failNext('message', { kind: 'hold' });
      telegram.failNext('sendMessage', { kind: 'hold' });
      expect(await postZalo(zaloEvent)).toBe(200);
      expect(await postTelegram(tgUpdate)).toBe(200);
      await zalo.until(() => zalo.heldCalls.length === 1, 'the Zalo answer to be on its way');
      await telegram.until(() => telegram.heldCalls.length === 1, 'the Telegram answer to be on its way');
      // The platforms send them again (as if our 200 had been lost): already in the inbox, dropped.
      expect(await postZalo(zaloEvent)).toBe(200);
      expect(await postTelegram(tgUpdate)).toBe(200);
      first.child.kill('SIGKILL');
      await exited(first.child);
      expect(first.child.signalCode).toBe('SIGKILL');
      expect(zalo.sentMessages('zcrash')).toHaveLength(0);
      expect(telegram.sentMessages(8801)).toHaveLength(0);
      // Written before the 200, still pending: the platforms will not send them again.
      expect(await pending()).toEqual([{ channel: 'telegram:123456', event_id: '501' }, { channel: 'zalo', event_id: `msg:crash-${dialect}` }]);
      // The kill came while each was still being handled: no other send was attempted.
      expect(zalo.heldCalls).toHaveLength(1);
      expect(telegram.heldCalls).toHaveLength(1);

      // 2. The restarted server answers both, once their dead owner's claim has run out.
      const second = await startServer(port);
      await waitUntil(async () => (await pending()).length === 0, 'both events to be handled after the restart', 60_000);
      const zaloAnswer = zalo.sentMessages('zcrash');
      const telegramAnswer = telegram.sentMessages(8801);
      expect(zaloAnswer.length).toBeGreaterThanOrEqual(1);
      expect(zaloAnswer[0]!.message.text).toMatch(/khai sinh|Miễn phí|đồng/i);
      expect(telegramAnswer.length).toBeGreaterThanOrEqual(1);
      expect(telegramAnswer[0]!.text).toMatch(/kết hôn/i);
      await waitUntil(() => /"replayed":[12]\b/.test(second.log()), 'the restarted server to log the replayed events', 10_000);

      // 3. Retries after the restart are dropped. A sticker from the same chat comes after them
      //    in that chat's queue: once it is answered, a retry answered would have shown.
      expect(await postZalo(zaloEvent)).toBe(200);
      expect(await postTelegram(tgUpdate)).toBe(200);
      expect(await postZalo(signedZaloEvent({ appId: zalo.appId, oaSecretKey: OA_KEY, userId: 'zcrash', eventName: 'user_send_sticker', extra: { message: { msg_id: `sticker-${dialect}` } } }))).toBe(200);
      expect(await postTelegram({ ...telegram.messageUpdate(8801, { sticker: { file_id: 'x' } }), update_id: 502 })).toBe(200);
      await zalo.waitForMessages(zaloAnswer.length + 1, 10_000, 'zcrash');
      await telegram.waitForMessages(telegramAnswer.length + 1, 10_000, 8801);
      expect(zalo.sentMessages('zcrash').map((m) => m.message.text)).toEqual([...zaloAnswer.map((m) => m.message.text), NON_TEXT_LINE]);
      expect(telegram.sentMessages(8801).map((m) => m.text)).toEqual([...telegramAnswer.map((m) => m.text), NON_TEXT_LINE.replace(/"/g, '&quot;')]);
      // No message text in the log; the stored bodies are gone once handled.
      expect(first.log() + second.log()).not.toMatch(/khai sinh|ket hon/);
      await waitUntil(async () => (await pending()).length === 0, 'the stickers to be marked done');
      const bodies = await db.kysely.selectFrom('webhook_inbox').select('body').execute();
      expect(bodies.every((row) => row.body === '')).toBe(true);

      second.child.kill('SIGTERM');
      await exited(second.child);
    });
  });
}
