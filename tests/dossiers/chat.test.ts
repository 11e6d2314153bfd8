import { beforeAll, expect, it } from 'vitest';
import { replyToPlainText, type Incoming } from '../../src/conversation/message';
import type { CalendarData } from '../../src/catalogue/schema';
import { fixedClock } from '../../src/clock';
import { DossierChatHandler, ZALO_WINDOW_NOTE } from '../../src/dossiers/chat';
import { DossierService } from '../../src/dossiers/service';
import { describeStores } from '../helpers/stores';
import { findProcedure, makeDossier, nextCode, realCalendar } from './factory';
import { createStores } from '../../src/store/stores';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

let chatSeq = 0;
describeStores('dossier chat commands', (db) => {
  const clock = fixedClock('2026-11-25T09:00:00+07:00');
  let service: DossierService;
  let handler: DossierChatHandler;
  beforeAll(() => {
    service = new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock, lookupLimit: { limit: 3, windowMs: 60_000 } });
    handler = new DossierChatHandler(service, clock);
  });
  const say = async (text: string, chatId = `c${++chatSeq}`, channel: Incoming['channel'] = 'telegram') => {
    const answer = await handler.tryHandle({ channel, chatId, text, receivedAt: clock.now() });
    return answer ? replyToPlainText(answer) : null;
  };
  const seed = async (overrides = {}) => {
    const code = nextCode();
    await service.upsert('a', code, makeDossier(overrides));
    return code;
  };

  it('answers /hoso with the procedure, status, dates, lateness, next step and a masked name', async () => {
    const code = await seed({ dueAt: new Date('2026-11-23T17:00:00+07:00') });
    const text = await say(`/hoso ${code} 5678`);
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Đã tiếp nhận');
    expect(text).toContain('20/11/2026');
    expect(text).toContain('23/11/2026');
    // Due Mon 23/11; Tue 24/11 is off; Wed 25/11 is the first working day late.
    expect(text).toContain('Quá hạn 1 ngày làm việc');
    expect(text).toContain('Nguyễn V. A.');
    expect(text).toContain('Tiếp theo:');
    expect(text).not.toMatch(/0912345678|Văn An/);
  });

  it('accepts "hoso" without the slash, /hoso@botname, lower-case codes and a whole phone number', async () => {
    const code = await seed();
    expect(await say(`hoso ${code} 5678`)).toContain('Đúng hạn');
    expect(await say(`/hoso@motcua_bot ${code.toLowerCase()} 0912 345 678`)).toContain('Đúng hạn');
  });

  it('asks for the phone digits when a message holds only a code, then answers the digits', async () => {
    const code = await seed();
    const chat = 'pending-1';
    expect(await say(`cho hỏi hồ sơ ${code} của tôi tới đâu rồi`, chat)).toContain('4 số cuối');
    expect(await say('5678', chat)).toContain('Đã tiếp nhận');
    // The pending code is used once.
    expect(await say('5678', chat)).toBeNull();
    await say(code, chat);
    expect(await say('số của tôi là 0912 345 678', chat)).toContain('Đã tiếp nhận');
  });

  it('forgets a pending code after ten minutes', async () => {
    const code = await seed();
    const local = fixedClock('2026-11-25T09:00:00+07:00');
    const h = new DossierChatHandler(service, local);
    await h.tryHandle({ channel: 'zalo', chatId: 'z', text: code, receivedAt: local.now() });
    local.advance(11 * 60_000);
    expect(await h.tryHandle({ channel: 'zalo', chatId: 'z', text: '5678', receivedAt: local.now() })).toBeNull();
  });

  it('leaves ordinary messages to the assistant', async () => {
    expect(await say('làm giấy khai sinh cần gì')).toBeNull();
    expect(await say('Huy đây, cho hỏi thủ tục tạm trú')).toBeNull();
    expect(await say('1234')).toBeNull();
    expect(await handler.tryHandle({ channel: 'telegram', chatId: 'x', text: '', payload: 'p:1.001193', receivedAt: clock.now() })).toBeNull();
  });

  it('answers a wrong phone and an unknown code alike, and stops after too many failures', async () => {
    const code = await seed();
    const chat = 'limited';
    const wrongPhone = await say(`/hoso ${code} 1111`, chat);
    const wrongCode = await say(`/hoso ${nextCode()} 5678`, chat);
    expect(wrongPhone).toBe(wrongCode);
    await say(`/hoso ${code} 2222`, chat);
    expect(await say(`/hoso ${code} 5678`, chat)).toContain('quá nhiều lần');
    expect(await say(`/hoso ${code} 5678`, 'other-chat')).toContain('Đã tiếp nhận');
  });

  it('subscribes with /theodoi only with the right digits, and /huy stops it', async () => {
    const code = await seed();
    expect(await say(`/theodoi ${code} 9999`, 'sub')).toContain('Không tìm thấy');
    expect(await say(`/theodoi ${code} 5678`, 'sub')).toContain('Đã theo dõi');
    await service.recordEvent('a', code, { type: 'status', at: new Date('2026-11-25T10:00:00+07:00'), status: 'ready' });
    const queued = await db().kysely.selectFrom('outbox').select(['chat_id', 'body']).where('dedupe_key', 'like', `dossier:${code}:%`).execute();
    expect(queued.map((q) => q.chat_id)).toEqual(['sub']);
    expect(JSON.parse(queued[0]!.body).blocks[0].text).toContain('Đã có kết quả, chờ trả');
    expect(await say(`/huy ${code}`, 'sub')).toContain('Đã ngừng theo dõi');
    expect(await say(`/huy ${code}`, 'sub')).toContain('chưa theo dõi');
    expect(await say(`/theodoi ${code} 5678`, 'web-1', 'web')).toContain('Telegram hoặc Zalo');
  });

  it('tells a Zalo subscriber, and only them, that Zalo lets the OA write only within 48 hours of their last message', async () => {
    const code = await seed();
    const onZalo = await say(`/theodoi ${code} 5678`, 'z-sub', 'zalo');
    expect(onZalo).toBe(`Đã theo dõi hồ sơ ${code}. Bạn sẽ nhận tin khi trạng thái thay đổi.\n\n${ZALO_WINDOW_NOTE}\n\nNgừng theo dõi: /huy ${code}`);
    expect(ZALO_WINDOW_NOTE).toContain('48 giờ');
    expect(await say(`/theodoi ${code} 5678`, 't-sub', 'telegram')).not.toContain('48 giờ');
  });

  it('explains the command when /hoso has no code', async () => {
    expect(await say('/hoso')).toContain('/hoso <mã hồ sơ>');
  });
});
