// The citizen's dossier commands in any chat: /hoso <mã> <4 số>, /theodoi <mã> <4 số>,
// /huy <mã>, or any message containing a dossier code (we then ask for the phone digits).
// Failed lookups are limited in the store: per chat on Telegram and Zalo, and per client
// address on the web chat, with the same key as the HTTP lookup (see src/http/client-key.ts).
import { procedurePayload, reply, textReply, type Incoming, type Reply } from '../conversation/message';
import type { ChatHandler } from '../conversation/engine';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';
import { formatDue, type OfficeHours } from '../office-hours';
import { findDossierCode } from './codes';
import type { DossierView } from './lookup';
import type { DossierService } from './service';
import { formatLocalDate, localDay } from './working-days';

/** How long a code sent without phone digits is remembered for the chat's next message. */
const PENDING_MS = 10 * 60_000;
const PENDING_MAX = 10_000;

const COMMAND = /^\/?(hoso|theodoi|huy)(?:@[A-Za-z0-9_]+)?(?:\s+|$)(.*)$/is;
/** The phone's last four digits, or a whole number whose last four are used. */
const DIGITS = /(?<!\d)(\d{4,12})(?!\d)/;

function digitsOutside(text: string, code: string): string | undefined {
  const at = text.toUpperCase().indexOf(code);
  const rest = at < 0 ? text : `${text.slice(0, at)} ${text.slice(at + code.length)}`;
  // "0912 345 678" is one number.
  return DIGITS.exec(rest.replace(/(\d)[ .-](?=\d)/g, '$1'))?.[1]?.slice(-4);
}

export const USAGE = textReply(
  'Tra cứu hồ sơ: gửi "/hoso <mã hồ sơ> <4 số cuối điện thoại>".',
  'Ví dụ: /hoso 000.00.20.H56-251124-0007 5678',
);
const NOT_FOUND = textReply('Không tìm thấy hồ sơ với mã và 4 số điện thoại này. Bạn kiểm tra lại mã trên phiếu hẹn (Mẫu 01) và số điện thoại đã khai.');
export const ZALO_WINDOW_NOTE = 'Zalo chỉ cho phép gửi tin cho bạn trong 48 giờ kể từ tin nhắn gần nhất của bạn, nên bạn vui lòng nhắn tin cho chúng tôi để nhận tin cập nhật sau đó.';
const TOO_MANY = textReply('Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
const ASK_DIGITS = (code: string) => textReply(`Để tra cứu hồ sơ ${code}, bạn gửi 4 số cuối của số điện thoại đã khai khi nộp hồ sơ.`);

function iso(date: string): Date {
  return new Date(date);
}

/** `now`: when the citizen asks; "hôm nay" is said only of a dossier due that same day. */
export function dossierReply(view: DossierView, hours: OfficeHours, now?: Date): Reply {
  const lines = [
    `Thủ tục: ${view.procedure.name}`,
    `Người nộp: ${view.applicant}`,
    `Trạng thái: ${view.statusLabel}`,
    `Ngày nhận: ${formatLocalDate(iso(view.receivedAt))}`,
    `Hẹn trả: ${formatDue(hours, iso(view.dueAt))}`,
  ];
  let timing = 'Đúng hạn.';
  // Late by no working day: due earlier today, or on the last working day before a weekend or holiday.
  const dueToday = now !== undefined && localDay(iso(view.dueAt)) === localDay(now);
  if (view.overdue) timing = view.workingDaysLate > 0 ? `Quá hạn ${view.workingDaysLate} ngày làm việc.` : dueToday ? 'Đã quá giờ hẹn trả hôm nay.' : 'Đã quá giờ hẹn trả.';
  if (view.status === 'returned' || view.status === 'rejected' || view.status === 'withdrawn') timing = view.overdue ? `Đã xong, trễ ${view.workingDaysLate} ngày làm việc.` : 'Đã xong, đúng hạn.';
  return reply(
    [
      { type: 'heading', text: `Hồ sơ ${view.code}` },
      { type: 'list', items: lines },
      { type: 'text', text: timing },
      { type: 'text', text: `Tiếp theo: ${view.nextStep}` },
    ],
    { buttons: [{ label: 'Xem thủ tục', payload: procedurePayload(view.procedure.code) }] },
  );
}

export class DossierChatHandler implements ChatHandler {
  private readonly pending = new LRUCache<string, { code: string; until: number }>({ max: PENDING_MAX });

  constructor(
    private readonly service: DossierService,
    private readonly clock: Clock,
  ) {}

  async tryHandle(incoming: Incoming): Promise<Reply | null> {
    if (incoming.payload) return null;
    const text = incoming.text.normalize('NFC').trim();
    const chat = `${incoming.channel}:${incoming.chatId}`;
    const command = COMMAND.exec(text);
    if (command) {
      const name = command[1]!.toLowerCase();
      const args = command[2] ?? '';
      const code = findDossierCode(args);
      // Without the slash, "huy" or "hoso" may be an ordinary word or a name: only a code makes it ours.
      if (!code && !text.startsWith('/')) return null;
      if (name === 'huy') return this.unsubscribe(incoming, args);
      if (!code) return name === 'theodoi' ? textReply('Theo dõi hồ sơ: gửi "/theodoi <mã hồ sơ> <4 số cuối điện thoại>".') : USAGE;
      const digits = digitsOutside(args, code.code);
      if (!digits) {
        this.remember(chat, code.code);
        return ASK_DIGITS(code.code);
      }
      return name === 'theodoi' ? this.subscribe(incoming, code.code, digits) : this.lookup(incoming, code.code, digits);
    }

    const code = findDossierCode(text);
    if (code) {
      const digits = digitsOutside(text, code.code);
      if (digits) return this.lookup(incoming, code.code, digits);
      this.remember(chat, code.code);
      return ASK_DIGITS(code.code);
    }

    const waiting = this.pending.get(chat);
    if (waiting && waiting.until > this.clock.now().getTime()) {
      const digits = /^\D{0,20}?(\d{4,12})\s*\.?$/.exec(text.replace(/(\d)[ .-](?=\d)/g, '$1'))?.[1]?.slice(-4);
      if (digits) {
        this.pending.delete(chat);
        return this.lookup(incoming, waiting.code, digits);
      }
    }
    return null;
  }

  private remember(chat: string, code: string): void {
    this.pending.set(chat, { code, until: this.clock.now().getTime() + PENDING_MS });
  }

  /**
   * One key per client: the chat on Telegram and Zalo, whose ids the platform assigns; on the
   * web chat, whose session id the client chooses, its address (`origin`, the same key the
   * GET lookup uses), so rotating session ids or switching paths does not reset the limit.
   */
  private limitKey(incoming: Incoming): string {
    return incoming.origin ?? `chat:${incoming.channel}:${incoming.chatId}`;
  }

  private async lookup(incoming: Incoming, code: string, digits: string): Promise<Reply> {
    const outcome = await this.service.limiter.guard(this.limitKey(incoming), this.clock.now(), () => this.service.lookup(code, digits));
    if ('limited' in outcome) return TOO_MANY;
    const view = outcome.result;
    if (!view) return NOT_FOUND;
    const answer = dossierReply(view, this.service.officeHours, this.clock.now());
    answer.blocks.push({ type: 'text', text: `Nhận tin khi hồ sơ thay đổi: /theodoi ${view.code} ${digits}` });
    return answer;
  }

  private async subscribe(incoming: Incoming, code: string, digits: string): Promise<Reply> {
    if (incoming.channel !== 'telegram' && incoming.channel !== 'zalo') return textReply('Theo dõi hồ sơ chỉ dùng được trên Telegram hoặc Zalo.');
    const channel = incoming.channel;
    const outcome = await this.service.limiter.guard(this.limitKey(incoming), this.clock.now(), () => this.service.subscribe(code, digits, channel, incoming.chatId));
    if ('limited' in outcome) return TOO_MANY;
    const row = outcome.result;
    if (!row) return NOT_FOUND;
    const confirmed = `Đã theo dõi hồ sơ ${row.code}. Bạn sẽ nhận tin khi trạng thái thay đổi.`;
    const stop = `Ngừng theo dõi: /huy ${row.code}`;
    // Zalo lets the OA write only within 48 h of the user's last message (DOMAIN.md); a later
    // update waits in the outbox until they write again, so they should know to.
    return channel === 'zalo' ? textReply(confirmed, ZALO_WINDOW_NOTE, stop) : textReply(confirmed, stop);
  }

  private async unsubscribe(incoming: Incoming, args: string): Promise<Reply> {
    const code = findDossierCode(args);
    if (!code) return textReply('Ngừng theo dõi: gửi "/huy <mã hồ sơ>".');
    const removed = await this.service.unsubscribe(code.code, incoming.channel, incoming.chatId);
    return textReply(removed ? `Đã ngừng theo dõi hồ sơ ${code.code}.` : `Bạn chưa theo dõi hồ sơ ${code.code}.`);
  }
}
