// A fake Zalo OA Open API and OAuth server on 127.0.0.1 for tests and benches. It serves
// `POST /v3.0/oa/message/cs` (header access_token) and `POST /v4/oa/access_token` (form
// refresh_token, app_id, grant_type; header secret_key), records every request, answers
// -216 once the access token has been expired, rotates single-use refresh tokens, and can be
// told to fail on a schedule. Also signs webhook events the way Zalo does.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallWaiters, type Truthy } from './waiters';

export interface ZaloRecordedCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** JSON body for message/cs, form fields for access_token. */
  body: Record<string, unknown>;
  at: number;
  /** Zalo's `error` field in the answer (0 = success), or the HTTP status when not 200. */
  error: number;
}

export type ZaloFailure =
  /** Answer HTTP 200 with `{error: code, message}` (e.g. -213 outside the window, -230). */
  | { kind: 'error'; code: number; message?: string }
  /** Answer with this HTTP status. */
  | { kind: 'status'; status: number }
  /** Wait this long, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Never answer (a send held while the test kills the sender); counted in `heldCalls`, never as sent. */
  | { kind: 'hold' };

export interface FakeZaloOptions {
  appId?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
}

export interface ZaloSentMessage {
  recipient: { user_id: string };
  message: {
    text?: string;
    attachment?: { type: string; payload: { buttons?: Array<{ title: string; type: string; payload: unknown }> } };
  };
}

/** Zalo's documented limit for a consultation text message. */
export const ZALO_TEXT_LIMIT = 2000;

export class FakeZalo {
  readonly appId: string;
  readonly appSecret: string;
  readonly calls: ZaloRecordedCall[] = [];
  /** The pair Zalo currently accepts. */
  accessToken: string;
  refreshToken: string;
  refreshCount = 0;
  /** Calls held unanswered by a `hold` failure, with the body each carried. */
  readonly heldCalls: ZaloRecordedCall[] = [];
  /** Called for every answered call (benches). */
  onCall: ((call: ZaloRecordedCall) => void) | undefined;

  private server!: http.Server;
  private baseUrl = '';
  private accessValid = true;
  private recording = true;
  private readonly failures = new Map<string, ZaloFailure[]>();
  private readonly waiters = new CallWaiters();

  constructor(options: FakeZaloOptions = {}) {
    this.appId = options.appId ?? '4143000000000000001';
    this.appSecret = options.appSecret ?? 'app-secret';
    this.accessToken = options.accessToken ?? 'access-1';
    this.refreshToken = options.refreshToken ?? 'refresh-1';
  }

  /** ZALO_API_ROOT and ZALO_OAUTH_ROOT both point here. */
  get url(): string {
    return this.baseUrl;
  }

  /** The settings that point motcua's Zalo channel here, with the OA's webhook key (strings, as in the environment or a channel's config). */
  env(oaSecretKey: string) {
    return {
      ZALO_APP_ID: this.appId,
      ZALO_APP_SECRET: this.appSecret,
      ZALO_OA_SECRET_KEY: oaSecretKey,
      ZALO_ACCESS_TOKEN: this.accessToken,
      ZALO_REFRESH_TOKEN: this.refreshToken,
      ZALO_API_ROOT: this.url,
      ZALO_OAUTH_ROOT: this.url,
    };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  setRecording(on: boolean): void {
    this.recording = on;
  }

  /** From now on message/cs answers -216 until a refresh gives a new access token. */
  expireAccessToken(): void {
    this.accessValid = false;
  }

  /** Queues failures for the next calls to 'message' or 'oauth' (or '*'), in order. */
  failNext(endpoint: 'message' | 'oauth' | '*', ...failures: ZaloFailure[]): void {
    const queue = this.failures.get(endpoint) ?? [];
    queue.push(...failures);
    this.failures.set(endpoint, queue);
  }

  messageCalls(): ZaloRecordedCall[] {
    return this.calls.filter((call) => call.path === '/v3.0/oa/message/cs');
  }

  /** Messages accepted (error 0), in order. */
  sentMessages(userId?: string): ZaloSentMessage[] {
    return this.messageCalls()
      .filter((call) => call.error === 0)
      .map((call) => call.body as unknown as ZaloSentMessage)
      .filter((message) => userId === undefined || message.recipient?.user_id === userId);
  }

  /**
   * Resolves with the first truthy result of `check`, checked now and again after every call
   * the fake answers; rejects after timeoutMs naming `what`.
   */
  until<T>(check: () => T, what: string, timeoutMs = 5000): Promise<Truthy<T>> {
    return this.waiters.until(check, timeoutMs, () => `fake-zalo: waited ${timeoutMs} ms for ${what}`);
  }

  /** Resolves once `count` messages (to `userId`, if given) were accepted; rejects after timeoutMs. */
  waitForMessages(count: number, timeoutMs = 5000, userId?: string): Promise<ZaloSentMessage[]> {
    return this.waiters.until(
      () => (this.sentMessages(userId).length >= count ? this.sentMessages(userId) : undefined),
      timeoutMs,
      () => `fake-zalo: waited ${timeoutMs} ms for ${count} message(s), got ${this.sentMessages(userId).length}`,
    );
  }

  private takeFailure(endpoint: string): ZaloFailure | undefined {
    for (const key of [endpoint, '*']) {
      const queue = this.failures.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0]!;
    const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    let body: Record<string, unknown> = {};
    try {
      body = isForm ? Object.fromEntries(new URLSearchParams(raw)) : raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const call: ZaloRecordedCall = { path, headers: req.headers, body, at: Date.now(), error: 0 };
    const answer = (status: number, payload: Record<string, unknown>) => {
      call.error = status !== 200 ? status : Number(payload.error ?? 0);
      if (this.recording) this.calls.push(call);
      this.onCall?.(call);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
      this.waiters.notify();
    };
    const endpoint = path === '/v3.0/oa/message/cs' ? 'message' : path === '/v4/oa/access_token' ? 'oauth' : '';
    if (!endpoint || req.method !== 'POST') return answer(404, { error: 404, message: 'not found' });

    const failure = this.takeFailure(endpoint);
    if (failure?.kind === 'hold') {
      this.heldCalls.push(call);
      this.waiters.notify();
      return;
    }
    if (failure?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, failure.ms));
    else if (failure?.kind === 'status') return answer(failure.status, { error: failure.status, message: 'server error' });
    else if (failure?.kind === 'error') return answer(200, { error: failure.code, message: failure.message ?? `error ${failure.code}` });

    return endpoint === 'message' ? this.message(req, body, answer) : this.oauth(req, body, answer);
  }

  private message(req: http.IncomingMessage, body: Record<string, unknown>, answer: (s: number, p: Record<string, unknown>) => void): void {
    if (req.headers.access_token !== this.accessToken || !this.accessValid) {
      answer(200, { error: -216, message: 'Access token is invalid' });
      return;
    }
    const sent = body as unknown as ZaloSentMessage;
    const userId = sent.recipient?.user_id;
    if (typeof userId !== 'string' || userId === '') {
      answer(200, { error: -201, message: 'user_id is invalid' });
      return;
    }
    const text = sent.message?.text;
    if (typeof text !== 'string' || text.trim() === '') {
      answer(200, { error: -201, message: 'text is empty' });
      return;
    }
    if (text.length > ZALO_TEXT_LIMIT) {
      answer(200, { error: -201, message: 'text length is over limit' });
      return;
    }
    const buttons = sent.message.attachment?.payload?.buttons ?? [];
    if (buttons.length > 5) {
      answer(200, { error: -201, message: 'buttons are over limit' });
      return;
    }
    answer(200, { error: 0, message: 'Success', data: { message_id: crypto.randomUUID().replace(/-/g, ''), user_id: userId } });
  }

  private oauth(req: http.IncomingMessage, body: Record<string, unknown>, answer: (s: number, p: Record<string, unknown>) => void): void {
    if (req.headers.secret_key !== this.appSecret) {
      answer(200, { error: -14002, error_name: 'Invalid app secret', error_description: 'secret_key is invalid' });
      return;
    }
    if (body.app_id !== this.appId || body.grant_type !== 'refresh_token') {
      answer(200, { error: -14001, error_description: 'Invalid parameter' });
      return;
    }
    if (body.refresh_token !== this.refreshToken) {
      answer(200, { error: -14014, error_description: 'Invalid refresh token' });
      return;
    }
    this.refreshCount += 1;
    this.accessToken = `access-${this.refreshCount + 1}`;
    this.refreshToken = `refresh-${this.refreshCount + 1}`;
    this.accessValid = true;
    answer(200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: '90000' });
  }
}

export function startFakeZalo(options: FakeZaloOptions = {}): Promise<FakeZalo> {
  return new FakeZalo(options).start();
}

export interface ZaloEventInput {
  appId: string;
  oaSecretKey: string;
  userId: string;
  eventName?: string;
  text?: string;
  msgId?: string;
  /** Epoch ms, as a string in the body (Zalo sends it that way). */
  timestamp?: string;
  extra?: Record<string, unknown>;
}

/** A webhook event as Zalo posts it: the raw body and the headers, signed with the OA secret key. */
export function signedZaloEvent(input: ZaloEventInput): { body: string; headers: Record<string, string> } {
  const timestamp = input.timestamp ?? String(Date.now());
  const eventName = input.eventName ?? 'user_send_text';
  const event: Record<string, unknown> = {
    app_id: input.appId,
    user_id_by_app: `app-${input.userId}`,
    event_name: eventName,
    timestamp,
    sender: { id: input.userId },
    recipient: { id: '579745863508352884' },
    ...(eventName === 'user_send_text' ? { message: { text: input.text ?? '', msg_id: input.msgId ?? crypto.randomUUID().replace(/-/g, '') } } : {}),
    ...(eventName === 'follow' ? { follower: { id: input.userId }, source: 'oa_profile', oa_id: '579745863508352884', user_id_by_app: `app-${input.userId}` } : {}),
    ...input.extra,
  };
  const body = JSON.stringify(event);
  const mac = crypto.createHash('sha256').update(input.appId + body + timestamp + input.oaSecretKey).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
}
