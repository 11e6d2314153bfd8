// A fake Telegram Bot API on 127.0.0.1 for tests and benches. Real clients (telegraf, our
// senders) talk HTTP to it. It records every call, holds long polls like Telegram does,
// checks what Telegram checks (4096 chars, 64-byte callback_data, HTML entities), and can be
// told to fail on a schedule: 5xx, 429 with retry_after, error answers, slow responses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallWaiters, type Truthy } from './waiters';

export interface RecordedCall {
  method: string;
  /** The token in the URL (`/bot<token>/<method>`). */
  token: string;
  body: Record<string, unknown>;
  /** Epoch ms when the request arrived. */
  at: number;
  /** HTTP status the fake answered with. */
  status: number;
}

export type ScheduledFailure =
  /** Answer with this HTTP status and `{ok: false, error_code: status, description}`. */
  | { kind: 'status'; status: number; description?: string }
  /** 429 with `parameters.retry_after` (seconds). */
  | { kind: 'rate_limit'; retryAfter: number }
  /** Wait this long, then answer normally (a slow server; a client timeout looks the same). */
  | { kind: 'delay'; ms: number }
  /** Never answer (a send held while the test kills the sender); counted in `heldCalls`, never as sent. */
  | { kind: 'hold' };

export interface FakeTelegramOptions {
  token?: string;
  botUsername?: string;
  botId?: number;
  /** Longest a getUpdates call is held when no update is waiting (default 1000 ms). */
  maxPollHoldMs?: number;
  /** Enforce Telegram's global limit: more sendMessage calls than this in a rolling second get 429 (retry_after 1). */
  sendRatePerSecond?: number;
}

export interface SentMessage {
  chat_id: string;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> };
}

interface HeldPoll {
  offset: number;
  respond(updates: unknown[]): void;
}

const ALLOWED_TAG = /^<\/?(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler)>$|^<a href="[^"<>]*">$|^<\/a>$/;

/** Telegram's own HTML check, simplified: unknown tags or bare `&` are "can't parse entities". */
export function checkTelegramHtml(text: string): string | undefined {
  for (const tag of text.match(/<[^>]*>?/g) ?? []) {
    if (!ALLOWED_TAG.test(tag)) return `Bad Request: can't parse entities: unsupported start tag "${tag.slice(0, 20)}"`;
  }
  if (/<[^>]*$/.test(text)) return "Bad Request: can't parse entities: unclosed tag";
  for (const amp of text.match(/&[^;\s]*;?/g) ?? []) {
    if (!/^&(lt|gt|amp|quot|#\d+);$/.test(amp)) return `Bad Request: can't parse entities: bad entity "${amp.slice(0, 10)}"`;
  }
  return undefined;
}

export class FakeTelegram {
  readonly token: string;
  readonly botUsername: string;
  readonly botId: number;
  /** Every request, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Chats whose messages fail with 403 "bot was blocked by the user". */
  readonly blockedChats = new Set<string>();
  /** Chats whose messages fail with 400 "chat not found". */
  readonly missingChats = new Set<string>();
  /** Calls held unanswered by a `hold` failure. */
  readonly heldCalls: RecordedCall[] = [];
  /** The webhook set through setWebhook, if any. */
  webhook: { url: string; secretToken?: string } | undefined;
  /** While set, every call fails this way (an outage of the Bot API), until set back to undefined. */
  outage: ScheduledFailure | undefined;
  /** Called for every answered call, recorded or not (benches time sendMessage with it). */
  onCall: ((call: RecordedCall) => void) | undefined;

  private server!: http.Server;
  private baseUrl = '';
  private readonly updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private readonly held: HeldPoll[] = [];
  private readonly failures = new Map<string, ScheduledFailure[]>();
  private readonly waiters = new CallWaiters();
  private readonly maxPollHoldMs: number;
  private readonly sendRatePerSecond: number | undefined;
  private readonly recentSends: number[] = [];
  /** sendMessage calls refused by the rate limit (benches check it stays 0). */
  rateLimited = 0;
  private recording = true;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? '123456:TEST-token';
    this.botUsername = options.botUsername ?? 'motcua_test_bot';
    this.botId = options.botId ?? 123456;
    this.maxPollHoldMs = options.maxPollHoldMs ?? 1000;
    this.sendRatePerSecond = options.sendRatePerSecond;
  }

  /** The value for TELEGRAM_API_ROOT / telegraf's `apiRoot`. */
  get apiRoot(): string {
    return this.baseUrl;
  }

  /** The settings that point motcua's Telegram channel here (strings, as in the environment). */
  env(): { TELEGRAM_BOT_TOKEN: string; TELEGRAM_API_ROOT: string } {
    return { TELEGRAM_BOT_TOKEN: this.token, TELEGRAM_API_ROOT: this.apiRoot };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const poll of this.held.splice(0)) poll.respond([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Benches: stop keeping every call (memory stays flat over 100,000 messages). */
  setRecording(on: boolean): void {
    this.recording = on;
  }

  /** Queues failures for the next calls to `method` ('*' for any method), in order. */
  failNext(method: string, ...failures: ScheduledFailure[]): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(...failures);
    this.failures.set(method, queue);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages the bot sent successfully, in order. */
  sentMessages(chatId?: string | number): SentMessage[] {
    return this.callsTo('sendMessage')
      .filter((call) => call.status === 200)
      .map((call) => call.body as unknown as SentMessage)
      .filter((message) => chatId === undefined || String(message.chat_id) === String(chatId));
  }

  /** Long polls waiting for an update right now. */
  get heldPolls(): number {
    return this.held.length;
  }

  /**
   * Resolves with the first truthy result of `check`, checked now and again after every call
   * the fake answers or holds; rejects after timeoutMs naming `what` (read at the deadline).
   */
  until<T>(check: () => T, what: string | (() => string), timeoutMs = 5000): Promise<Truthy<T>> {
    return this.waiters.until(check, timeoutMs, () => `fake-telegram: waited ${timeoutMs} ms for ${typeof what === 'string' ? what : what()}`);
  }

  /** Resolves once at least `count` calls to `method` got an answer; rejects after timeoutMs. */
  waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
    return this.until(
      () => (this.callsTo(method).length >= count ? this.callsTo(method) : undefined),
      () => `${count} ${method} call(s), got ${this.callsTo(method).length}`,
      timeoutMs,
    );
  }

  /** Resolves once `count` messages (to `chatId`, if given) were sent; rejects after timeoutMs. */
  waitForMessages(count: number, timeoutMs = 5000, chatId?: string | number): Promise<SentMessage[]> {
    return this.until(
      () => (this.sentMessages(chatId).length >= count ? this.sentMessages(chatId) : undefined),
      () => `${count} message(s)${chatId === undefined ? '' : ` to ${chatId}`}, got ${this.sentMessages(chatId).length}`,
      timeoutMs,
    );
  }

  /** Queues a raw update for getUpdates (polling); returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number {
    const full = { ...update, update_id: this.nextUpdateId++ };
    this.updates.push(full);
    this.releasePolls();
    return full.update_id;
  }

  /** Queues several updates so that one getUpdates call returns them together (a batch). */
  pushUpdates(...updates: Array<Record<string, unknown>>): number[] {
    const ids = updates.map((update) => {
      const full = { ...update, update_id: this.nextUpdateId++ };
      this.updates.push(full);
      return full.update_id;
    });
    this.releasePolls();
    return ids;
  }

  /** Builds a text message update from a private chat (not queued). */
  textUpdate(chatId: number, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return {
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Test' },
        from: { id: chatId, is_bot: false, first_name: 'Test', language_code: 'vi' },
        text,
        ...(entities ? { entities } : {}),
        ...extra,
      },
    };
  }

  /** Builds a non-text message update (sticker, photo, location…) from a private chat. */
  messageUpdate(chatId: number, content: Record<string, unknown>): Record<string, unknown> {
    return {
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Test' },
        from: { id: chatId, is_bot: false, first_name: 'Test' },
        ...content,
      },
    };
  }

  /** Builds a callback query update (an inline button press). */
  callbackUpdate(chatId: number, data: string): Record<string, unknown> {
    return {
      callback_query: {
        id: `cb${this.nextUpdateId}${Date.now()}`,
        from: { id: chatId, is_bot: false, first_name: 'Test' },
        chat_instance: 'ci',
        data,
        message: {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Test' },
          from: { id: this.botId, is_bot: true, first_name: 'Bot' },
          text: 'previous answer',
        },
      },
    };
  }

  /** Posts an update to the webhook set by setWebhook, with the secret header; returns the status. */
  async deliverToWebhook(update: Record<string, unknown>, secretOverride?: string | null): Promise<number> {
    if (!this.webhook) throw new Error('fake-telegram: no webhook is set');
    const body = JSON.stringify({ ...update, update_id: this.nextUpdateId++ });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const secret = secretOverride === undefined ? this.webhook.secretToken : secretOverride;
    if (secret !== null && secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
    const response = await fetch(this.webhook.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return response.status;
  }

  private releasePolls(): void {
    for (const poll of [...this.held]) {
      const ready = this.updates.filter((u) => u.update_id >= poll.offset);
      if (ready.length > 0) {
        this.held.splice(this.held.indexOf(poll), 1);
        poll.respond(ready);
      }
    }
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    const at = Date.now();
    let body: Record<string, unknown> = {};
    try {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw) body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const method = match?.[2] ?? '';
    const call: RecordedCall = { method, token: match?.[1] ?? '', body, at, status: 0 };
    const answer = (status: number, payload: unknown) => {
      call.status = status;
      if (this.recording || method !== 'sendMessage') this.calls.push(call);
      this.onCall?.(call);
      if (!res.destroyed) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      }
      this.waiters.notify();
    };
    const fail = (status: number, description: string, parameters?: Record<string, unknown>) =>
      answer(status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });

    if (!match) return fail(404, 'Not Found');
    if (match[1] !== this.token) return fail(401, 'Unauthorized');

    const scheduled = this.outage ?? this.takeFailure(method);
    if (scheduled?.kind === 'hold') {
      this.heldCalls.push(call);
      this.waiters.notify();
      return;
    }
    if (scheduled?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, scheduled.ms));
    else if (scheduled?.kind === 'status') return fail(scheduled.status, scheduled.description ?? (scheduled.status >= 500 ? 'Internal Server Error' : 'Bad Request'));
    else if (scheduled?.kind === 'rate_limit') {
      return fail(429, `Too Many Requests: retry after ${scheduled.retryAfter}`, { retry_after: scheduled.retryAfter });
    }

    if (method === 'sendMessage' && this.sendRatePerSecond !== undefined) {
      while (this.recentSends.length > 0 && this.recentSends[0]! <= at - 1000) this.recentSends.shift();
      if (this.recentSends.length >= this.sendRatePerSecond) {
        this.rateLimited += 1;
        return fail(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
      }
      this.recentSends.push(at);
    }

    switch (method) {
      case 'getMe':
        return answer(200, { ok: true, result: { id: this.botId, is_bot: true, first_name: 'Một cửa', username: this.botUsername, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
      case 'setWebhook': {
        const url = String(body.url ?? '');
        if (!url) return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        this.webhook = { url, ...(typeof body.secret_token === 'string' ? { secretToken: body.secret_token } : {}) };
        return answer(200, { ok: true, result: true, description: 'Webhook was set' });
      }
      case 'deleteWebhook':
        this.webhook = undefined;
        return answer(200, { ok: true, result: true, description: 'Webhook was deleted' });
      case 'getUpdates':
        return this.getUpdates(body, answer, fail);
      case 'answerCallbackQuery':
        if (typeof body.callback_query_id !== 'string') return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        return answer(200, { ok: true, result: true });
      case 'sendMessage':
        return this.sendMessage(body, answer, fail);
      default:
        return fail(404, 'Not Found: method not found');
    }
  }

  private takeFailure(method: string): ScheduledFailure | undefined {
    for (const key of [method, '*']) {
      const queue = this.failures.get(key);
      if (queue && queue.length > 0 && (key !== '*' || method !== 'getUpdates')) return queue.shift();
    }
    return undefined;
  }

  private getUpdates(body: Record<string, unknown>, answer: (s: number, p: unknown) => void, fail: (s: number, d: string) => void): void {
    if (this.webhook) {
      fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      return;
    }
    const offset = Number(body.offset ?? 0);
    // Confirming an offset forgets earlier updates, as Telegram does.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    const ready = this.updates.filter((u) => u.update_id >= offset);
    const timeoutSec = Number(body.timeout ?? 0);
    if (ready.length > 0 || timeoutSec <= 0) {
      answer(200, { ok: true, result: ready });
      return;
    }
    const poll: HeldPoll = {
      offset,
      respond: (updates) => {
        clearTimeout(timer);
        answer(200, { ok: true, result: updates });
      },
    };
    const timer = setTimeout(() => {
      const index = this.held.indexOf(poll);
      if (index >= 0) this.held.splice(index, 1);
      answer(200, { ok: true, result: [] });
    }, Math.min(timeoutSec * 1000, this.maxPollHoldMs));
    this.held.push(poll);
    this.waiters.notify();
  }

  private sendMessage(body: Record<string, unknown>, answer: (s: number, p: unknown) => void, fail: (s: number, d: string) => void): void {
    const chatId = String(body.chat_id ?? '');
    const text = typeof body.text === 'string' ? body.text : '';
    if (!chatId) {
      fail(400, 'Bad Request: chat_id is empty');
      return;
    }
    if (this.blockedChats.has(chatId)) {
      fail(403, 'Forbidden: bot was blocked by the user');
      return;
    }
    if (this.missingChats.has(chatId)) {
      fail(400, 'Bad Request: chat not found');
      return;
    }
    if (text.trim() === '') {
      fail(400, 'Bad Request: message text is empty');
      return;
    }
    if (text.length > 4096) {
      fail(400, 'Bad Request: message is too long');
      return;
    }
    if (body.parse_mode === 'HTML') {
      const problem = checkTelegramHtml(text);
      if (problem) {
        fail(400, problem);
        return;
      }
    }
    const markup = body.reply_markup as SentMessage['reply_markup'] | undefined;
    for (const row of markup?.inline_keyboard ?? []) {
      for (const button of row) {
        if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data, 'utf8') > 64) {
          fail(400, 'Bad Request: BUTTON_DATA_INVALID');
          return;
        }
        if (button.url !== undefined && !/^(https?|tg):\/\/[^\s]+$/.test(button.url)) {
          fail(400, 'Bad Request: BUTTON_URL_INVALID');
          return;
        }
      }
    }
    answer(200, {
      ok: true,
      result: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: 'private' },
        from: { id: this.botId, is_bot: true, first_name: 'Một cửa', username: this.botUsername },
        text,
      },
    });
  }
}

/** Starts a fake Telegram Bot API on 127.0.0.1 (random port). */
export function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return new FakeTelegram(options).start();
}
