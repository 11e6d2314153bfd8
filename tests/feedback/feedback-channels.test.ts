// The feedback loop end to end through `motcua serve`: a procedure answer offers "Có hữu ích
// không?" 👍/👎 on Telegram (the fake Bot API), the web chat and Zalo (the fake Zalo API); a
// press is thanked; questions the bot could not answer and the 👎 are then listed by
// `motcua report questions --since 7d` with counts and the lexicon entry that would catch
// each (or "none"), and nothing stored names a chat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { openDatabase } from '../../src/store/db';
import { runMotcua } from '../helpers/cli';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';

const THANKS = 'Cảm ơn bạn đã góp ý!';

describe('feedback through the channels and the report', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: Server;
  let telegram: FakeTelegram;
  let zalo: FakeZalo;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-feedback-'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent' };
    telegram = await startFakeTelegram({ maxPollHoldMs: 200 });
    zalo = await startFakeZalo();
    server = await serve(
      parseConfig({
        ...env, PORT: '0', HOST: '127.0.0.1',
        ...telegram.env(),
        ...zalo.env('oa-key'),
      }),
      { logger: silentLogger() },
    );
  });
  afterAll(async () => {
    await server?.close();
    await telegram?.close();
    await zalo?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Telegram: the answer carries 👍/👎 buttons, a 👎 press is thanked', async () => {
    telegram.pushUpdate(telegram.textUpdate(918273601, 'làm giấy khai sinh cần gì'));
    await telegram.waitForCalls('sendMessage', 1, 10_000);
    const answer = telegram.sentMessages(918273601).at(-1)!;
    expect(answer.text).toContain('Có hữu ích không?');
    const buttons = answer.reply_markup!.inline_keyboard!.flat();
    expect(buttons).toEqual(expect.arrayContaining([{ text: '👍 Có', callback_data: 'f:1.001193:up' }, { text: '👎 Không', callback_data: 'f:1.001193:down' }]));

    telegram.pushUpdate(telegram.callbackUpdate(918273601, 'f:1.001193:down'));
    await telegram.waitForCalls('sendMessage', 2, 10_000);
    expect(telegram.sentMessages(918273601).at(-1)!.text).toMatch(/^Cảm ơn bạn đã góp ý!\n/);
    await telegram.waitForCalls('answerCallbackQuery', 1, 10_000);

    // Two people ask what the bot cannot settle; one asks something the lexicon does not know.
    telegram.pushUpdate(telegram.textUpdate(918273602, 'sổ đỏ của tôi có vấn đề thì làm sao'));
    telegram.pushUpdate(telegram.textUpdate(918273603, 'Sổ đỏ của tôi có vấn đề thì làm sao'));
    telegram.pushUpdate(telegram.textUpdate(918273604, 'đăng ký nuôi mèo trong chung cư, gọi 0912345678'));
    await telegram.waitForCalls('sendMessage', 5, 10_000);
  });

  it('web chat: the answer carries the buttons and a 👍 is thanked', async () => {
    const post = async (body: Record<string, unknown>) =>
      (await (await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
        sessionId: string;
        reply: { blocks: Array<{ text?: string }>; buttons: Array<{ label: string; payload: string }> };
      };
    const first = await post({ text: 'làm giấy khai sinh cần gì' });
    expect(first.reply.blocks.at(-1)!.text).toBe('Có hữu ích không?');
    expect(first.reply.buttons.slice(-2).map((b) => b.payload)).toEqual(['f:1.001193:up', 'f:1.001193:down']);
    const thanks = await post({ sessionId: first.sessionId, text: '', payload: 'f:1.001193:up' });
    expect(thanks.reply.blocks[0]!.text).toBe(THANKS);
  });

  it('Zalo: the answer carries the buttons, and pressing 👍 (its label sent back) is thanked', async () => {
    const send = async (text: string) => {
      const event = signedZaloEvent({ appId: zalo.appId, oaSecretKey: 'oa-key', userId: 'z701', text });
      expect((await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body })).status).toBe(200);
    };
    await send('làm giấy khai sinh cần gì');
    // The answer's buttons come five to a message: wait for the one that holds 👍.
    const until = (found: (texts: string[], titles: string[]) => boolean) =>
      zalo.until(() => {
        const sent = zalo.sentMessages('z701');
        const texts = sent.map((m) => m.message.text ?? '');
        const buttons = sent.flatMap((m) => m.message.attachment?.payload.buttons ?? []);
        return found(texts, buttons.map((b) => b.title)) && { texts, buttons };
      }, 'the expected message to z701', 10_000);
    const { texts, buttons } = await until((_, titles) => titles.includes('👍 Có') && titles.includes('👎 Không'));
    expect(texts.join('\n')).toContain('Có hữu ích không?');
    await send(String(buttons.find((b) => b.title === '👍 Có')!.payload));
    await until((all) => all.includes(THANKS));
  });

  it('motcua report questions lists the unanswered and disliked questions with counts and lexicon entries', async () => {
    const report = await runMotcua(['report', 'questions', '--since', '7d'], env);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const out = report.stdout;
    expect(out).toMatch(/^Câu hỏi của người dân từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)\./);
    // Most frequent first; the same question typed with a capital counted together.
    const unanswered = out.slice(out.indexOf('Chưa trả lời được'), out.indexOf('Câu trả lời bị chê'));
    expect(unanswered).toMatch(/^ {2}2 lần, 2 người {2}"sổ đỏ của tôi có vấn đề thì làm sao"/m);
    expect(unanswered).toMatch(/"sổ đỏ của tôi có vấn đề thì làm sao".*\n(?: {6}.*\n)*? {6}mục lexicon bắt được: procedures\/lexicon\.yaml:\d+ synonyms: "sổ đỏ" → /);
    expect(unanswered).toMatch(/ {2}1 lần, 1 người {2}"đăng ký nuôi mèo trong chung cư, gọi \[số\]".*\n {6}mục lexicon bắt được: none/);
    expect(unanswered.indexOf('sổ đỏ của tôi')).toBeLessThan(unanswered.indexOf('nuôi mèo'));
    const disliked = out.slice(out.indexOf('Câu trả lời bị chê'));
    expect(disliked).toMatch(/ {2}1 lần, 1 người {2}"làm giấy khai sinh cần gì" {2}→ đã trả lời bằng 1\.001193/);
    expect(out).toMatch(/1\.001193 .*: 2 👍, 1 👎/);
    expect(out).not.toContain('0912345678');

    const json = JSON.parse((await runMotcua(['report', 'questions', '--since', '7d', '--json'], env)).stdout) as {
      unanswered: Array<{ question: string; count: number; people: number; lexicon: Array<{ file: string; line: number; section: string }> }>;
      disliked: Array<{ question: string; codes: string[] }>;
      votes: Array<{ code: string; up: number; down: number }>;
    };
    expect(json.unanswered[0]).toMatchObject({ question: 'sổ đỏ của tôi có vấn đề thì làm sao', count: 2, people: 2 });
    expect(json.unanswered[0]!.lexicon[0]).toMatchObject({ file: 'procedures/lexicon.yaml', section: 'synonyms' });
    expect(json.disliked).toEqual([expect.objectContaining({ question: 'làm giấy khai sinh cần gì', codes: ['1.001193'] })]);
    expect(json.votes).toEqual([expect.objectContaining({ code: '1.001193', up: 2, down: 1 })]);

    // Nothing stored names a chat: neither Telegram ids nor the Zalo user nor the web session.
    const db = await openDatabase(env.DATABASE_URL!);
    const rows = await db.kysely.selectFrom('feedback').selectAll().execute();
    await db.close();
    expect(JSON.stringify(rows)).not.toMatch(/91827360[1-4]|z701/);
    // A report from before the questions is empty.
    const future = await runMotcua(['report', 'questions', '--since', '2099-01-01'], env);
    expect(future.stdout).toContain('Chưa trả lời được: không có câu nào.');
  });
});
