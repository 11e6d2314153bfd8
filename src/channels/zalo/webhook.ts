// POST /webhooks/zalo: checks the signature in constant time (401 when wrong or missing),
// answers 200 at once — Zalo wants it within 2 s and retries otherwise — then handles the
// event. A repeated msg_id is acknowledged and dropped.
import { Router } from 'express';
import { rawBody } from '../../http/app';
import type { Logger } from '../../log';
import type { ChatEngine } from '../chat-engine';
import { ChatQueue } from '../chat-queue';
import { SeenIds } from '../seen-ids';
import { actionFor, eventKey, zaloEventSchema } from './events';
import { renderZalo } from './render';
import { verifyZaloSignature } from './signature';
import type { ZaloButtonMemory } from './button-memory';
import type { ZaloClient } from './client';
import { afterAck } from '../after-ack';

export interface ZaloWebhookOptions {
  appId: string;
  oaSecretKey: string;
  engine: ChatEngine;
  client: ZaloClient;
  logger: Logger;
  /** Shared with the outbox sender: which button labels stand for which payloads. */
  buttons?: ZaloButtonMemory;
  /** How many recent event ids to remember for replays (default 10,000). */
  rememberIds?: number;
  now?: () => Date;
}

export interface ZaloWebhook {
  router: Router;
  drain(): Promise<void>;
}

export function zaloWebhookRouter(options: ZaloWebhookOptions): ZaloWebhook {
  const router = Router();
  const seen = new SeenIds(options.rememberIds ?? 10_000);
  const background = afterAck();
  const queue = new ChatQueue();
  const now = options.now ?? (() => new Date());

  const handle = async (action: ReturnType<typeof actionFor>): Promise<void> => {
    if (action.kind === 'ignore') return;
    const reply = action.kind === 'reply' ? action.reply : await options.engine.handle(action.incoming);
    const labelPayloads = options.buttons?.remember(action.userId, reply.buttons);
    for (const message of renderZalo(reply, labelPayloads ? { labelPayloads } : {})) await options.client.sendMessage(action.userId, message);
  };

  router.post('/', (req, res) => {
    const timestamp = (req.body as { timestamp?: unknown } | undefined)?.timestamp;
    if (!verifyZaloSignature(req.get('x-zevent-signature'), rawBody(req), options.appId, options.oaSecretKey, timestamp)) {
      res.status(401).json({ error: 'unauthorized', message: 'X-ZEvent-Signature is missing or wrong' });
      return;
    }
    const parsed = zaloEventSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'bad_request', message: 'Body is not a Zalo OA event' });
      return;
    }
    res.status(200).json({ ok: true });
    const key = eventKey(parsed.data);
    if (key && seen.seen(key)) return;
    const action = actionFor(parsed.data, now(), options.buttons ? (user, text) => options.buttons!.lookup(user, text) : undefined);
    if (action.kind === 'ignore') return;
    background.run(() => queue.run(action.userId, () => handle(action)), (err) => options.logger.error({ err, event: parsed.data.event_name }, 'zalo: event failed'));
  });

  return { router, drain: () => background.drain() };
}
