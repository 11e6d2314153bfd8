import { beforeAll, expect, it } from 'vitest';
import { replyToPlainText, type Incoming } from '../../src/conversation/message';
import { LINK_ATTEMPT_LIMIT, LinkChatHandler, LINK_REPLIES, MAX_FAILED_LINK_ATTEMPTS } from '../../src/alerts/link-chat';
import { Officials } from '../../src/alerts/officials';
import { WindowLimiter } from '../../src/dossiers/rate-limit';
import { DbOfficialStore } from '../../src/store/officials';
import { describeStores } from '../helpers/stores';
import { clearAll } from './factories';
import { createStores } from '../../src/store/stores';

const NOW = new Date('2026-11-23T08:00:00+07:00');

function msg(text: string, chatId = '555', channel: Incoming['channel'] = 'telegram', at = NOW): Incoming {
  return { channel, chatId, text, receivedAt: at };
}

describeStores('linking a chat with a one-time code', (db) => {
  let store: Officials;
  let handler: LinkChatHandler;
  let officialId: string;

  beforeAll(async () => {
    await clearAll(db().kysely);
    store = new Officials(new DbOfficialStore(db().kysely));
    handler = new LinkChatHandler(new DbOfficialStore(db().kysely), new WindowLimiter(createStores(db()).rateLimits, LINK_ATTEMPT_LIMIT));
    officialId = (await store.add({ name: 'Lê Thị Lan', unit: 'Phường Hạc Thành', role: 'officer' }, NOW)).id;
  });

  it('ignores messages that are not the command, including "liên kết" in a question', async () => {
    expect(await handler.tryHandle(msg('làm giấy khai sinh cần gì'))).toBeNull();
    expect(await handler.tryHandle(msg('liên kết tài khoản VNeID thế nào', 'z-9', 'zalo'))).toBeNull();
    expect(await handler.tryHandle(msg('lien ket', 'z-9', 'zalo'))).toBeNull();
  });

  it('links the Telegram chat that sends /lienket CODE, and the code works only once', async () => {
    const { code } = await store.createLinkCode(officialId, NOW);
    const reply = await handler.tryHandle(msg(`/lienket ${code}`, '555'));
    expect(replyToPlainText(reply!)).toContain('Đã liên kết');
    expect(await store.links(officialId)).toMatchObject([{ channel: 'telegram', chatId: '555' }]);
    const again = await handler.tryHandle(msg(`/lienket ${code}`, '556'));
    expect(replyToPlainText(again!)).toBe(LINK_REPLIES.used);
    expect(await store.links(officialId)).toMatchObject([{ channel: 'telegram', chatId: '555' }]);
  });

  it('accepts "lienket code" typed in lower case on Zalo, and "liên kết" with diacritics', async () => {
    const { code } = await store.createLinkCode(officialId, NOW);
    expect(replyToPlainText((await handler.tryHandle(msg(`lienket ${code.toLowerCase()}`, 'z-1', 'zalo')))!)).toContain('Đã liên kết');
    const second = await store.createLinkCode(officialId, NOW);
    expect(replyToPlainText((await handler.tryHandle(msg(`Liên kết ${second.code}`, 'z-2', 'zalo')))!)).toContain('Đã liên kết');
    // One Zalo chat per official: the newer link replaces the older.
    expect((await store.links(officialId)).filter((l) => l.channel === 'zalo').map((l) => l.chatId)).toEqual(['z-2']);
  });

  it('refuses an expired code with its own message', async () => {
    const { code } = await store.createLinkCode(officialId, NOW);
    const later = new Date(NOW.getTime() + 24 * 60 * 60 * 1000 + 1);
    expect(replyToPlainText((await handler.tryHandle(msg(`/lienket ${code}`, '700', 'telegram', later)))!)).toBe(LINK_REPLIES.expired);
  });

  it('explains the usage when the code is missing, and refuses the web chat', async () => {
    expect(replyToPlainText((await handler.tryHandle(msg('/lienket')))!)).toBe(LINK_REPLIES.usage);
    expect(replyToPlainText((await handler.tryHandle(msg('lienket ABCD2345', 'w', 'web')))!)).toBe(LINK_REPLIES.webOnly);
  });

  it('stops checking codes from a chat after repeated wrong guesses, even a right one', async () => {
    for (let i = 0; i < MAX_FAILED_LINK_ATTEMPTS; i++) {
      expect(replyToPlainText((await handler.tryHandle(msg(`/lienket WRONG${i}AA`, '999')))!)).toBe(LINK_REPLIES.unknown);
    }
    const { code } = await store.createLinkCode(officialId, NOW);
    expect(replyToPlainText((await handler.tryHandle(msg(`/lienket ${code}`, '999')))!)).toBe(LINK_REPLIES.tooMany);
    // Another chat is not affected, and the code is still unused.
    expect(replyToPlainText((await handler.tryHandle(msg(`/lienket ${code}`, '998')))!)).toContain('Đã liên kết');
  });

  it('stores only a hash of the code', async () => {
    const { code } = await store.createLinkCode(officialId, NOW);
    const rows = await db().kysely.selectFrom('link_codes').select('code_hash').execute();
    expect(rows.some((r) => r.code_hash.includes(code))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash))).toBe(true);
  });
});
