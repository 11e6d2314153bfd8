// POST /webhooks/zalo: checks the signature in constant time (401 when wrong or missing) and
// the event's signed timestamp (403 when outside the window: a captured request replayed
// later), stores the event in the webhook inbox, answers 200 — Zalo wants it within 2 s and
// retries otherwise — then handles the event and marks it done. An event cut off by a crash
// is handled after the restart (src/channels/inbox.ts). A repeated event id (msg_id) is
// acknowledged and dropped, also after a restart: the ids seen live in the database. A reply message Zalo answers with a 5xx, a timeout or a
// network error is sent again after a short backoff, so one failed call does not lose the answer.
// A reply whose button labels cannot be saved (the database away) goes out with the buttons'
// raw payloads instead of being lost.
// Once a user's message is answered, the outbox messages held while their free-reply window
// was closed are released, so they follow the reply, in their order.
import { Router } from 'express';
import { rawBody } from '../../http/app';
import type { Logger } from '../../log';
import type { ChatActivity } from '../../conversation/engine';
import type { ChatEngine } from '../chat-engine';
import { ChatQueue } from '../chat-queue';
import type { SeenEvents } from '../../store/seen-events';
import { SeenIds } from '../seen-ids';
import { actionFor, eventKey, zaloEventSchema } from './events';
import { renderZalo, type ZaloMessage } from './render';
import { verifyZaloSignature } from './signature';
import type { ButtonLabels } from './button-memory';
import type { ZaloClient } from './client';
import { replyRetryWaitMs } from './errors';
import { afterAck } from '../after-ack';
import { acceptedOrLate, createInbox, type Acceptance, type Inbox, webhookLifecycle } from '../inbox';
import type { WebhookInbox } from '../../store/webhook-inbox';
import type { OutboxStore } from '../../store/outbox';
import type { ZaloSentCounter } from '../../store/zalo-window';
import type { ZaloEvent } from './events';
import type { Reply } from '../../conversation/message';

export interface ZaloWebhookOptions {
  appId: string;
  oaSecretKey: string;
  engine: ChatEngine;
  client: ZaloClient;
  logger: Logger;
  /** Shared with the outbox sender: which button labels stand for which payloads. */
  buttons?: ButtonLabels;
  /**
   * When each user last wrote: Zalo's free-reply window opens on any message, a sticker or a
   * photo too. The engine records the messages it answers; the webhook records those it answers itself.
   */
  activity?: ChatActivity;
  /**
   * The outbox, whose messages held outside Zalo's window are released once the user's
   * message is answered (the message opened the window again).
   */
  outbox?: Pick<OutboxStore, 'releaseHeld'>;
  /** Counts each reply message into the user's free-reply window, as Zalo does (must not throw). */
  sent?: ZaloSentCounter;
  /** Event ids already handled (default: the last 10,000, in memory). */
  seen?: SeenEvents;
  /** Where events wait between their 200 and their answer; without it a crash loses them. */
  inbox?: WebhookInbox;
  /** Events left unhandled longer than this are not replayed (default 24 h). */
  replayMaxAgeMs?: number;
  /** Events whose timestamp is further than this from now are refused (default 10 minutes). */
  eventWindowMs?: number;
  now?: () => Date;
  /** Attempts per reply message when Zalo fails with a 5xx, a timeout, a network error or its rate limit (default 3). */
  attempts?: number;
  /** First wait before another attempt; it doubles each time (default 1000 ms). */
  backoffMs?: number;
  /** Waits between attempts (tests replace the timer). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ZaloWebhook {
  router: Router;
  drain(): Promise<void>;
  /** Replays the events a crash left in the inbox, then keeps sweeping for them. */
  start(): Promise<void>;
  /** Stops the sweep, then waits for events still being handled. */
  stop(): Promise<void>;
}

export function zaloWebhookRouter(options: ZaloWebhookOptions): ZaloWebhook {
  const router = Router();
  const seen = options.seen ?? new SeenIds(10_000);
  const windowMs = options.eventWindowMs ?? 10 * 60_000;
  const background = afterAck();
  const queue = new ChatQueue();
  const now = options.now ?? (() => new Date());

  // A database hiccup must not drop a citizen's message: handle it (at worst twice).
  const firstTime = (key: string) => seen.firstTime(key).catch((err: unknown) => {
    options.logger.warn({ err }, 'zalo: could not record the event id; handling it anyway');
    return true;
  });

  // Without the database a label cannot be looked up: the text goes on as typed, and the
  // engine answers what it can (an apology while the database is away), never silence.
  const pressedButton = async (user: string, text: string): Promise<string | undefined> => {
    try {
      return await options.buttons?.lookup(user, text);
    } catch (err) {
      options.logger.warn({ err }, 'zalo: could not look a button label up; handling the text as typed');
      return undefined;
    }
  };

  // Without the database the labels cannot be saved: the buttons carry their raw payloads
  // instead (a pressed one comes back as that text, which routes without the database), so the
  // reply still goes out with its buttons, only less readable when pressed.
  const rememberLabels = async (user: string, buttons: Reply['buttons']): Promise<ReadonlySet<string> | undefined> => {
    try {
      return await options.buttons?.remember(user, buttons);
    } catch (err) {
      options.logger.warn({ err }, 'zalo: could not save the button labels; sending the buttons with their raw payloads');
      return undefined;
    }
  };

  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const sleep = options.sleep ?? realSleep;

  const send = async (userId: string, message: ZaloMessage): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.client.sendMessage(userId, message);
        await options.sent?.recordSent(userId);
        return;
      } catch (error) {
        const wait = replyRetryWaitMs(error, attempt, backoffMs);
        if (wait === undefined || attempt >= attempts) throw error;
        options.logger.warn({ err: error, attempt, retryInMs: wait }, 'zalo: reply not sent; trying again');
        await sleep(wait);
      }
    }
  };

  const handle = async (action: ReturnType<typeof actionFor>): Promise<void> => {
    if (action.kind === 'ignore') return;
    const reply = action.kind === 'reply' ? action.reply : await options.engine.handle(action.incoming);
    const labelPayloads = await rememberLabels(action.userId, reply.buttons);
    for (const message of renderZalo(reply, labelPayloads ? { labelPayloads } : {})) await send(action.userId, message);
  };

  const releaseHeld = async (userId: string): Promise<void> => {
    try {
      const released = await options.outbox?.releaseHeld('zalo', userId, now().getTime());
      if (released) options.logger.info({ released }, 'zalo: held outbox messages released after the user wrote');
    } catch (err) {
      // They are sent at their age limit if the window is open then, or become dead letters.
      options.logger.warn({ err }, 'zalo: could not release the messages held for the user');
    }
  };

  /**
   * One queue per user: a user's events are looked up and answered in arrival order. `how`
   * resolves once the event is stored: a live event is queued at once (keeping that order) and
   * waits for its row; a replayed one is marked done by the inbox.
   */
  const handleEvent = (event: ZaloEvent, receivedAt: Date, how: Promise<Acceptance | 'replayed'>): Promise<void> => {
    const user = event.sender?.id ?? event.follower?.id ?? '';
    return queue.run(user, async () => {
      const key = eventKey(event);
      const accepted = await how;
      if (accepted === 'duplicate') return;
      // Without a row (no inbox, or the database away) the id is recorded before handling.
      if (accepted === 'unstored' && key && !(await firstTime(key))) return;
      try {
        const text = event.event_name === 'user_send_text' ? (event.message?.text ?? '').trim() : '';
        const pressed = text && user ? await pressedButton(user, text) : undefined;
        const action = actionFor(event, receivedAt, () => pressed);
        if (action.kind === 'reply') {
          await options.activity?.touch('zalo', action.userId, receivedAt).catch((err: unknown) => options.logger.warn({ err }, 'zalo: could not record the user\'s message time'));
        }
        try {
          await handle(action);
        } finally {
          // After the reply (sent or given up): what waited for the window follows it.
          if (action.kind !== 'ignore') await releaseHeld(action.userId);
        }
      } finally {
        // Answered, ignored on purpose, or failed and logged: not to be handled again.
        if (accepted === 'new' && key) await inbox?.done(key);
      }
    });
  };

  const inbox: Inbox | undefined = options.inbox
    ? createInbox({
      store: options.inbox,
      seen,
      name: 'zalo',
      logger: options.logger,
      now,
      maxAgeMs: options.replayMaxAgeMs,
      replay: async (body, _eventId, receivedAt) => {
        // Signature and time window were checked when it came in.
        const parsed = zaloEventSchema.safeParse(JSON.parse(body));
        if (parsed.success) await handleEvent(parsed.data, receivedAt, Promise.resolve('replayed'));
      },
    })
    : undefined;

  router.post('/', async (req, res) => {
    const timestamp = (req.body as { timestamp?: unknown } | undefined)?.timestamp;
    if (!verifyZaloSignature(req.get('x-zevent-signature'), rawBody(req), options.appId, options.oaSecretKey, timestamp)) {
      res.status(401).json({ error: 'unauthorized', message: 'X-ZEvent-Signature is missing or wrong' });
      return;
    }
    const parsed = zaloEventSchema.safeParse(req.body);
    if (!parsed.success) {
      // Signed by Zalo yet not the shape we read: acknowledge (Zalo would resend), log, drop.
      options.logger.warn({ problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 300) }, 'zalo: malformed event ignored');
      res.status(200).json({ ok: true });
      return;
    }
    const event = parsed.data;
    const sentAt = Number(event.timestamp);
    if (!Number.isFinite(sentAt) || Math.abs(now().getTime() - sentAt) > windowMs) {
      options.logger.warn({ event: event.event_name, skewMs: Number.isFinite(sentAt) ? now().getTime() - sentAt : null }, 'zalo: event outside the time window refused');
      res.status(403).json({ error: 'stale_event', message: 'Event timestamp is outside the accepted window' });
      return;
    }
    const key = eventKey(event);
    const receivedAt = now();
    // Stored before the 200 (a database that does not answer holds it up 1.5 s at most): from
    // then on a crash delays the answer, it does not lose it.
    const accepting: Promise<Acceptance> = key && inbox ? inbox.accept(key, rawBody(req)?.toString('utf8') ?? JSON.stringify(req.body), receivedAt) : Promise.resolve('unstored');
    background.run(() => handleEvent(event, receivedAt, accepting), (err) => options.logger.error({ err, event: event.event_name }, 'zalo: event failed'));
    await acceptedOrLate(accepting);
    res.status(200).json({ ok: true });
  });

  return { router, ...webhookLifecycle(inbox, background) };
}
