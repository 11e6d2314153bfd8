// channels/web: the web chat page (public/, no build step) and POST /api/chat, the only
// channel that answers in the HTTP response.
// The web chat: GET / serves the page, /chat/* its script and style (plain files, no build
// step), POST /api/chat the conversation. Mount at '/'.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import type { WindowLimiter } from '../../dossiers/rate-limit';
import type { ChatEngine } from '../chat-engine';
import { chatRoute } from './chat-route';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

// The page has no inline script or style, so the policy can forbid them outright.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
};

export interface WebChatOptions {
  now?: () => Date;
  /** Messages per client and window (CHAT_MESSAGES_PER_MINUTE); unlimited without. */
  limiter?: WindowLimiter;
}

export function webChatRouter(engine: ChatEngine, options: WebChatOptions = {}): Router {
  const files = new Map(Object.keys(ASSETS).map((name) => [name, fs.readFileSync(path.join(PUBLIC_DIR, name))]));
  const serve = (res: Response, name: string) => {
    res.set({ 'Content-Type': ASSETS[name]!, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' });
    res.send(files.get(name));
  };
  const router = Router();
  router.get('/', (_req, res) => serve(res, 'index.html'));
  router.get('/chat/chat.js', (_req, res) => serve(res, 'chat.js'));
  router.get('/chat/chat.css', (_req, res) => serve(res, 'chat.css'));
  router.post('/api/chat', chatRoute(engine, options.now, options.limiter));
  return router;
}
