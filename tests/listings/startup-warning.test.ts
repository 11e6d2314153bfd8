// `serve` warns at start-up when the printed listings' links and QR codes would open localhost.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { serve } from '../../src/main';
import { FIXTURE_DIR } from './fixture';

async function startupLog(env: Record<string, string>): Promise<Array<{ level: number; msg: string; links?: string }>> {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const server = await serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', PROCEDURES_DIR: FIXTURE_DIR, ...env }), { logger: createLogger('info', stream) });
  await server.close();
  return lines.map((line) => JSON.parse(line) as { level: number; msg: string; links?: string });
}

it('warns at start-up when PUBLIC_BASE_URL is unset, and not when it is set or the bot is named', async () => {
  const unset = await startupLog({});
  const warning = unset.find((entry) => entry.msg.includes('PUBLIC_BASE_URL'));
  expect(warning).toMatchObject({ level: 40, links: 'http://localhost:0' }); // PORT=0 here
  expect(warning!.msg).toContain('links and QR codes in listings open an address only this server reaches');
  const set = await startupLog({ PUBLIC_BASE_URL: 'https://motcua.example.vn' });
  expect(set.some((entry) => entry.msg.includes('PUBLIC_BASE_URL'))).toBe(false);
  const bot = await startupLog({ TELEGRAM_BOT_USERNAME: 'motcua_bot' });
  expect(bot.some((entry) => entry.msg.includes('PUBLIC_BASE_URL'))).toBe(false);
});
