// POST /api/chat {sessionId?, text, payload?} → {sessionId, reply}. The session id is the web
// chat's chatId, so conversation memory works as it does on Telegram and Zalo.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { MAX_PAYLOAD_BYTES } from '../../conversation/message';
import type { WindowLimiter } from '../../dossiers/rate-limit';
import { clientKey } from '../../http/client-key';
import type { ChatEngine } from '../chat-engine';
import { MAX_QUESTION_CHARS } from '../wording';

/** Shown by the page when one client sends more messages than CHAT_MESSAGES_PER_MINUTE. */
export const TOO_FAST = { error: 'too_many_requests', message: 'Bạn gửi tin nhắn nhanh quá. Vui lòng đợi một lát rồi gửi tiếp.' } as const;

export const chatRequestSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -').optional(),
  text: z.string().max(MAX_QUESTION_CHARS, `must be at most ${MAX_QUESTION_CHARS} characters`).default(''),
  payload: z
    .string()
    .min(1)
    .refine((p) => Buffer.byteLength(p, 'utf8') <= MAX_PAYLOAD_BYTES, `must be at most ${MAX_PAYLOAD_BYTES} bytes`)
    .optional(),
});

/**
 * `limiter`, when given, counts every message per client (address, IPv6 /64) across
 * processes; session ids are the client's choice, so they are not the key.
 */
export function chatRoute(engine: ChatEngine, now: () => Date = () => new Date(), limiter?: WindowLimiter): RequestHandler {
  return async (req, res, next) => {
    const client = clientKey(req.ip);
    const parsed = chatRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
      res.status(400).json({ error: 'bad_request', message });
      return;
    }
    const text = parsed.data.text.trim();
    if (text === '' && parsed.data.payload === undefined) {
      res.status(400).json({ error: 'bad_request', message: 'text: must not be empty' });
      return;
    }
    const sessionId = parsed.data.sessionId ?? crypto.randomUUID();
    try {
      const taken = limiter ? await limiter.take(`chat-rate:${client}`, now()) : { allowed: true as const };
      if (!taken.allowed) {
        res.set('Retry-After', String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000)))).status(429).json(TOO_FAST);
        return;
      }
      const reply = await engine.handle({ channel: 'web', chatId: sessionId, origin: client, text, ...(parsed.data.payload !== undefined ? { payload: parsed.data.payload } : {}), receivedAt: now() });
      res.json({ sessionId, reply });
    } catch (error) {
      next(error);
    }
  };
}
