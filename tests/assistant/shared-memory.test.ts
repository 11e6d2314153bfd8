// Two `serve` processes on one database answer the same chat: a follow-up or a typed reply to a
// question back that reaches the other process is understood as the first would have. A
// database that fails costs only the sharing, never the reply.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { Assistant } from '../../src/assistant/assistant';
import { ConversationMemory } from '../../src/assistant/memory';
import { sharedMemory } from '../../src/assistant/shared-memory';
import type { ConversationStates } from '../../src/store/conversation-state';
import { fixedClock } from '../../src/clock';
import { replyToPlainText, type Incoming } from '../../src/conversation/message';
import { createLogger } from '../../src/log';
import { SearchIndex } from '../../src/search/index';
import { lexiconWith } from '../../src/search/lexicon';
import { openDatabase } from '../../src/store/db';
import { createStores } from '../../src/store/stores';
import { describeStores } from '../helpers/stores';
import { makeProcedure, sampleProcedures } from '../search/procedures';

const COMPANIES = [
  makeProcedure({ code: '2.002043', name: 'Đăng ký thành lập công ty cổ phần', field: 'Doanh nghiệp', popularity: 900 }),
  makeProcedure({ code: '2.001583', name: 'Đăng ký thành lập công ty TNHH một thành viên', field: 'Doanh nghiệp', popularity: 1000 }),
  makeProcedure({ code: '2.001199', name: 'Đăng ký thành lập công ty TNHH hai thành viên trở lên', field: 'Doanh nghiệp', popularity: 800 }),
];
const index = SearchIndex.build([...sampleProcedures(), ...COMPANIES], lexiconWith('synonyms: []'));
const clock = fixedClock('2026-11-29T08:00:00+07:00');

/** One process: its own memory and assistant, the chat's memory shared through `states`. */
function startProcess(states: ConversationStates, lines: string[] = []) {
  const logs = new PassThrough();
  logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const memory = new ConversationMemory({ clock });
  const assistant = new Assistant({ index, memory });
  const responder = sharedMemory(assistant, memory, states, createLogger('info', logs));
  return async (chatId: string, text: string) => replyToPlainText(await responder.handle({ channel: 'zalo', chatId, text, receivedAt: clock.now() } satisfies Incoming));
}

describeStores('the assistant memory shared by processes', (db) => {
  it('answers a reply to a question back, and a follow-up, that reach another process', async () => {
    const a = startProcess(createStores(db()).conversations);
    const b = startProcess(createStores(db()).conversations);
    expect(await a('c1', 'đăng ký thành lập công ty')).toMatch(/Bạn hỏi về thủ tục nào/);
    // Typed alone, "cổ phần" is no procedure here; after A's question back, B takes it as one of the offered.
    expect(await b('c1', 'cổ phần')).toContain('Đăng ký thành lập công ty cổ phần (mã 2.002043)');
    expect(await a('c1', 'lệ phí bao nhiêu')).toContain('(mã 2.002043)');
    // Another chat shares nothing.
    expect(await b('c2', 'lệ phí bao nhiêu')).not.toContain('2.002043');
    // A new answer on B is the topic of the next follow-up on A.
    expect(await b('c1', 'đăng ký kết hôn')).toContain('(mã 1.000894)');
    expect(await a('c1', 'còn lệ phí thì sao')).toContain('(mã 1.000894)');
  });

  it('forgets a topic 30 minutes old, whichever process it reaches', async () => {
    const a = startProcess(createStores(db()).conversations);
    const b = startProcess(createStores(db()).conversations);
    expect(await a('c3', 'đăng ký kết hôn')).toContain('(mã 1.000894)');
    clock.advance(20 * 60_000);
    expect(await b('c3', 'còn lệ phí thì sao')).toContain('(mã 1.000894)');
    clock.advance(31 * 60_000);
    expect(await b('c3', 'còn lệ phí thì sao')).not.toContain('1.000894');
    expect(await a('c3', 'còn lệ phí thì sao')).not.toContain('1.000894');
  });

  it('leaves nothing in the database for `motcua ask`, which asks each question afresh', async () => {
    const states = createStores(db()).conversations;
    const memory = new ConversationMemory({ clock });
    const responder = sharedMemory(new Assistant({ index, memory }), memory, states, createLogger('silent'));
    await responder.handle({ channel: 'cli', chatId: 'cli', text: 'đăng ký kết hôn', receivedAt: clock.now() });
    expect(await states.load('cli:cli')).toBeUndefined();
  });

  it('keeps no message text, only procedure codes', async () => {
    const a = startProcess(createStores(db()).conversations);
    await a('c4', 'đăng ký thành lập công ty');
    const rows = await db().kysely.selectFrom('conversation_state').selectAll().where('chat_key', '=', 'zalo:c4').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.procedure_code).toBeNull();
    expect(rows[0]!.choices!.split(',').sort()).toEqual(['2.001199', '2.001583', '2.002043']);
  });

  it('answers from its own memory, with a warning, when the database fails', async () => {
    const gone = await openDatabase('sqlite::memory:');
    const states = createStores(gone).conversations;
    await gone.close();
    const lines: string[] = [];
    const a = startProcess(states, lines);
    expect(await a('c5', 'đăng ký kết hôn')).toContain('(mã 1.000894)');
    expect(await a('c5', 'còn lệ phí thì sao')).toContain('50.000 đồng');
    expect(lines.some((l) => l.includes('could not load the conversation'))).toBe(true);
    expect(lines.some((l) => l.includes('could not store the conversation'))).toBe(true);
  });
});
