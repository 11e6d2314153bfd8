// Long polling through the inbox. telegraf confirms a batch of updates (the next getUpdates
// offset) only once every update in it is handled, so one chat's long wait (a 429's
// retry_after, a slow database) held up the answers of every other chat. Here an update is
// stored in the inbox first, then handled in the background, and telegraf fetches the next
// batch at once; one cut off by a crash is in the inbox and is handled after the restart
// (src/channels/inbox.ts), as for webhooks. Each chat's updates go one after another in the
// order they came: storing them runs in parallel (PostgreSQL's pool may finish a later one
// first), so an update waits for its chat's previous one here, not only in the bot's chat
// queue, which it reaches only after its row is stored. When the inbox cannot store an update (database away), or too many
// are being handled already, the update is handled before the batch is confirmed, as before.
import type { Context, Middleware, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../log';
import type { SeenEvents } from '../../store/seen-events';
import type { WebhookInbox } from '../../store/webhook-inbox';
import { afterAck } from '../after-ack';
import { createInbox, type Acceptance, type InboxOptions, webhookLifecycle } from '../inbox';

export interface PolledUpdatesOptions {
  store: WebhookInbox;
  seen?: SeenEvents;
  logger: Logger;
  now?: () => Date;
  /** Updates left unhandled longer than this are not replayed (default 24 h). */
  replayMaxAgeMs?: number;
  /** Updates handled in the background at once; past it the poller waits (default 200). */
  maxInFlight?: number;
  /** The inbox's claim and sweep periods (tests shorten them). */
  timing?: Pick<InboxOptions, 'leaseMs' | 'sweepMs'>;
}

export interface PolledUpdates {
  /** The bot's first middleware: stores the update, then lets the rest run in the background. */
  middleware(bot: Telegraf): Middleware<Context>;
  /** Replays the updates a crash left in the inbox, then keeps sweeping for them. */
  start(): Promise<void>;
  /** Stops the sweep, then waits for updates still being handled. */
  stop(): Promise<void>;
}

export function polledUpdates(options: PolledUpdatesOptions): PolledUpdates {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const maxInFlight = options.maxInFlight ?? 200;
  const background = afterAck();
  // Updates handed to the bot again by the inbox's replay: they are in the inbox already.
  const replaying = new WeakSet<object>();
  // Per chat, the handling of its latest update: the next one of that chat waits for it.
  const chats = new Map<string, Promise<void>>();
  let bot: Telegraf | undefined;
  const inbox = createInbox({
    ...options.timing,
    store: options.store,
    seen: options.seen,
    name: 'telegram',
    logger,
    now,
    maxAgeMs: options.replayMaxAgeMs,
    replay: async (body) => {
      const update = JSON.parse(body) as Update;
      replaying.add(update);
      await bot?.handleUpdate(update);
    },
  });

  return {
    middleware(of) {
      bot = of;
      return async (ctx, next) => {
        const update = ctx.update as Update;
        if (replaying.has(update) || typeof update.update_id !== 'number') return next();
        const id = String(update.update_id);
        const accepting: Promise<Acceptance> = inbox.accept(id, JSON.stringify(update), now());
        let finished = () => {};
        const handled = new Promise<void>((resolve) => {
          finished = resolve;
        });
        const chat = chatOf(update);
        const previous = chat === undefined ? undefined : chats.get(chat);
        if (chat !== undefined) {
          chats.set(chat, handled);
          void handled.then(() => {
            if (chats.get(chat) === handled) chats.delete(chat);
          });
        }
        background.run(
          async () => {
            const accepted = await accepting;
            // The chat's previous update first, whichever row was stored first (a dropped
            // copy waits too, so the one after it cannot overtake the previous update).
            await previous;
            if (accepted === 'duplicate') {
              logger.debug({ updateId: update.update_id }, 'telegram: update already in the inbox');
              return;
            }
            try {
              await next();
            } finally {
              // Answered, ignored on purpose, or failed and logged: not to be handled again.
              if (accepted === 'new') await inbox.done(id);
            }
          },
          (err) => logger.error({ err, updateId: update.update_id }, 'telegram: update failed'),
          finished,
        );
        // Not stored, or too much in hand: the batch is confirmed only once this one is handled.
        if ((await accepting) === 'unstored' || background.size > maxInFlight) await handled;
      };
    },
    ...webhookLifecycle(inbox, background),
  };
}

/** The chat an update belongs to (as the bot's chat queue reads it), if any. */
function chatOf(update: Update): string | undefined {
  const { message, callback_query: query } = update as { message?: { chat?: { id?: unknown } }; callback_query?: { from?: { id?: unknown }; message?: { chat?: { id?: unknown } } } };
  const id = message?.chat?.id ?? query?.message?.chat?.id ?? query?.from?.id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}
