// Whole journeys through `motcua serve` and the CLI, as a province runs them: a one-stop
// system sends a dossier, the citizen looks it up and follows it on Telegram, a status change
// reaches them; an official links a chat and gets the morning digest once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMotcua } from './helpers/cli';
import { waitUntil } from './helpers/wait';
import { parseConfig } from '../src/config';
import { Officials } from '../src/alerts/officials';
import { createApiKey } from '../src/dossiers/keys';
import { silentLogger } from '../src/log';
import { serve, type Server } from '../src/main';
import { startFakeTelegram, type FakeTelegram } from './fakes/telegram-bot-api';

const DOSSIER = '000.00.20.H56-261120-0007';
const LATE_DOSSIER = '000.00.20.H56-261110-0002';
// Wednesday 25/11/2026 08:30 in Vietnam; the server's clock runs on from there.
const START = new Date('2026-11-25T08:30:00+07:00').getTime();

const cli = runMotcua;

describe('journeys through motcua serve', () => {
  let telegram: FakeTelegram;
  let server: Server;
  let dir: string;
  let env: Record<string, string>;
  let key: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-journey-'));
    telegram = await startFakeTelegram({ maxPollHoldMs: 200 });
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'motcua.db')}`, LOG_LEVEL: 'silent' };
    const offset = START - Date.now();
    server = await serve(
      parseConfig({ ...env, PORT: '0', HOST: '127.0.0.1', TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, DISPATCH_INTERVAL_MS: '200' }),
      { logger: silentLogger(), clock: { now: () => new Date(Date.now() + offset) } },
    );
    key = (await createApiKey(server.context.stores.apiKeys, '000.00.20.H56', new Date(START))).key;
  });

  afterAll(async () => {
    await server?.close();
    await telegram?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function putDossier(code: string, body: Record<string, unknown>): Promise<Response> {
    return fetch(`${server.url}/api/dossiers/${code}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
  }

  async function telegramSays(chatId: number, text: string): Promise<string> {
    const before = telegram.sentMessages(chatId).length;
    telegram.pushUpdate(telegram.textUpdate(chatId, text));
    const sent = await telegram.waitForMessages(before + 1, 10_000, chatId);
    return sent.at(-1)!.text;
  }

  it('lets a citizen follow their dossier on Telegram and tells them when the result is ready', async () => {
    const put = await putDossier(DOSSIER, {
      procedureCode: '1.001193', unit: 'UBND xã Hòa An', officialId: 'off-hoa-an-1',
      applicantName: 'Trần Thị Bích', applicantPhone: '0912345678', channel: 'direct',
      receivedAt: '2026-11-20T10:00:00+07:00',
    });
    expect(put.status).toBeLessThan(300);

    const status = await telegramSays(501, `/hoso ${DOSSIER} 5678`);
    expect(status).toContain(DOSSIER);
    expect(status).toContain('Trần T. B.');
    expect(status).not.toContain('Bích');
    expect(status).not.toContain('0912345678');

    const wrongPhone = await telegramSays(502, `/hoso ${DOSSIER} 1111`);
    const noSuchCode = await telegramSays(503, '/hoso 000.00.20.H56-261120-0999 5678');
    expect(wrongPhone).toBe(noSuchCode);

    expect(await telegramSays(501, `/theodoi ${DOSSIER} 5678`)).toContain('Đã theo dõi');

    const event = await fetch(`${server.url}/api/dossiers/${DOSSIER}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ type: 'status', at: '2026-11-25T06:30:00+07:00', status: 'ready' }),
    });
    expect(event.status).toBeLessThan(300);

    const update = await telegram.until(() => telegram.sentMessages(501).map((m) => m.text).find((t) => t.includes('Đã có kết quả')), 'the status message', 15_000);
    expect(update).toContain(DOSSIER);
    // Only the subscriber hears about it.
    expect(telegram.sentMessages(502).some((m) => m.text.includes('Đã có kết quả'))).toBe(false);
  });

  it('stops guessing of phone digits on the web chat even when each guess uses a new session', async () => {
    const answers: string[] = [];
    for (let guess = 0; guess < 12; guess += 1) {
      const res = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: `guess-session-${guess}`, text: `/hoso ${DOSSIER} ${String(1000 + guess)}` }),
      });
      const body = (await res.json()) as { reply: { blocks: Array<{ text?: string }> } };
      answers.push(body.reply.blocks.map((b) => b.text ?? '').join(' '));
    }
    expect(answers[0]).toMatch(/Không tìm thấy/);
    expect(answers.at(-1)).toMatch(/quá nhiều/);
    // Even the right digits are refused while the limit holds.
    const right = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'fresh-session-1', text: `/hoso ${DOSSIER} 5678` }) });
    expect(JSON.stringify(await right.json())).not.toContain('Trần T. B.');
  });

  it('links an official by one-time code and delivers the morning digest exactly once', async () => {
    const added = await cli(['officials', 'add', '--id', 'off-hoa-an-1', '--name', 'Lê Văn Cường', '--unit', 'UBND xã Hòa An', '--role', 'officer'], env);
    expect(added.code).toBe(0);
    // The code is made on the server's clock (the CLI would use today's date, not the test's).
    const { code: linkCode } = await new Officials(server.context.stores.officials).createLinkCode('off-hoa-an-1', server.context.clock.now());

    expect(await telegramSays(900, `/lienket ${linkCode}`)).toMatch(/liên kết/i);
    // The code is single use.
    expect(await telegramSays(901, `/lienket ${linkCode}`)).not.toMatch(/^Đã liên kết/);

    const late = await putDossier(LATE_DOSSIER, {
      procedureCode: '1.001193', unit: 'UBND xã Hòa An', officialId: 'off-hoa-an-1',
      applicantName: 'Phạm Văn Dũng', applicantPhone: '0987654321', channel: 'direct',
      receivedAt: '2026-11-10T09:00:00+07:00', dueAt: '2026-11-20T17:00:00+07:00',
    });
    expect(late.status).toBeLessThan(300);

    const first = await cli(['alerts', 'run', '--at', '2026-11-25T08:30:00+07:00'], env);
    expect(first.code).toBe(0);
    const digests = await telegram.until(() => {
      const found = telegram.sentMessages(900).map((m) => m.text).filter((t) => t.includes(LATE_DOSSIER));
      return found.length > 0 && found;
    }, 'the digest', 15_000);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatch(/quá hạn/i);
    expect(digests[0]).not.toContain('0987654321');

    const again = await cli(['alerts', 'run', '--at', '2026-11-25T08:35:00+07:00'], env);
    expect(again.code).toBe(0);
    // The second run queues nothing new, and once nothing is left pending nothing more can come.
    expect(again.stdout).toContain(', 0 tin mới xếp hàng, 1 tin đã xếp hàng trước đó trong ngày');
    await waitUntil(async () => {
      const list = await cli(['outbox', 'list', '--json'], env);
      return !(JSON.parse(list.stdout) as { counts: Record<string, number> }).counts.pending;
    }, 'the outbox to have nothing pending', 10_000);
    expect(telegram.sentMessages(900).filter((m) => m.text.includes(LATE_DOSSIER))).toHaveLength(1);
  });
});
