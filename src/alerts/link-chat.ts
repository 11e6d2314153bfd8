// The chat command an official sends to link a chat: `/lienket CODE` on Telegram,
// `lienket CODE` on Zalo. Failed codes are counted per chat so codes cannot be guessed.
import type { ChatHandler } from '../conversation/engine';
import { textReply, type Incoming, type Reply } from '../conversation/message';
import type { RateLimitOptions, WindowLimiter } from '../dossiers/rate-limit';
import type { OfficialStore, RedeemResult } from '../store/officials';
import { Officials } from './officials';

/** Failed attempts allowed per chat per window before further codes are refused unchecked. */
export const MAX_FAILED_LINK_ATTEMPTS = 5;
export const LINK_ATTEMPT_WINDOW_MS = 60 * 60 * 1000;
/** The limits of the failed-attempt counter the handler is given. */
export const LINK_ATTEMPT_LIMIT: RateLimitOptions = { limit: MAX_FAILED_LINK_ATTEMPTS, windowMs: LINK_ATTEMPT_WINDOW_MS };

// "/lienket ABC", "/lienket@motcua_bot ABC", "lienket ABC", "liên kết ABC" (NFC or NFD).
const COMMAND = /^\/?(?:lienket|lien ket)(?:@\w+)?(?:\s+(.*))?$/i;

export const LINK_REPLIES = {
  usage: 'Để liên kết, gửi: lienket <mã>. Mã do quản trị viên cấp, dùng một lần trong 24 giờ.',
  unknown: 'Mã liên kết không đúng. Bạn kiểm tra lại mã hoặc xin quản trị viên cấp mã mới.',
  expired: 'Mã liên kết đã hết hạn (quá 24 giờ). Bạn xin quản trị viên cấp mã mới.',
  used: 'Mã liên kết này đã được dùng. Mỗi mã chỉ dùng một lần; bạn xin quản trị viên cấp mã mới.',
  tooMany: 'Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 1 giờ.',
  webOnly: 'Liên kết chỉ dùng trên Telegram hoặc Zalo, nơi hệ thống gửi được cảnh báo cho bạn.',
} as const;

export function linkedReply(unit: string): Reply {
  return textReply(
    `Đã liên kết. Mỗi sáng ngày làm việc, bạn sẽ nhận tại đây danh sách hồ sơ quá hạn và sắp đến hạn của ${unit}.`,
  );
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').trim();
}

export class LinkChatHandler implements ChatHandler {
  private readonly officials: Officials;

  /** `limiter` counts failed codes per chat, with LINK_ATTEMPT_LIMIT. */
  constructor(
    store: OfficialStore,
    private readonly limiter: WindowLimiter,
  ) {
    this.officials = new Officials(store);
  }

  async tryHandle(incoming: Incoming): Promise<Reply | null> {
    const text = fold(incoming.text);
    const match = COMMAND.exec(text);
    if (!match) return null;
    const code = (match[1] ?? '').trim();
    // "/lienket" and "lienket" are only ever the command; "liên kết …" is also ordinary speech
    // ("liên kết tài khoản VNeID"), so it counts only when followed by one code-like word.
    const explicit = text.startsWith('/') || /^lienket\b/i.test(text);
    const codeLike = /^[a-z0-9-]{4,16}$/i.test(code);
    if (!explicit && !codeLike) return null;
    if (incoming.channel !== 'telegram' && incoming.channel !== 'zalo') return textReply(LINK_REPLIES.webOnly);
    if (!codeLike) return textReply(LINK_REPLIES.usage);
    const channel = incoming.channel;
    let failure: Exclude<RedeemResult, { ok: true }>['reason'] = 'unknown';
    const outcome = await this.limiter.guard(`lienket:${channel}:${incoming.chatId}`, incoming.receivedAt, async () => {
      const result = await this.officials.redeem(code, channel, incoming.chatId, incoming.receivedAt);
      if (result.ok) return result.official;
      failure = result.reason;
      return undefined;
    });
    if ('limited' in outcome) return textReply(LINK_REPLIES.tooMany);
    return outcome.result ? linkedReply(outcome.result.unit) : textReply(LINK_REPLIES[failure]);
  }
}
