// A graceful stop (SIGTERM on a deploy) while citizens are writing: every webhook event the
// server acknowledged gets its answer before the process exits; one that arrives too late is
// refused, so Zalo sends it again to the next process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve } from '../../src/main';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';
import { waitUntil } from '../helpers/wait';

let zalo: FakeZalo;

beforeAll(async () => {
  zalo = await startFakeZalo();
});
afterAll(async () => {
  await zalo.close();
});

it('a Zalo event acknowledged while the server stops is answered before it has stopped', { timeout: 30_000 }, async () => {
  const server = await serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', ...zalo.env('oa-key') }), { logger: silentLogger() });
  const post = async (userId: string, text: string): Promise<number | 'refused'> => {
    const event = signedZaloEvent({ appId: zalo.appId, oaSecretKey: 'oa-key', userId, text });
    try {
      const response = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 'refused';
    }
  };
  // Each answer takes a while to reach Zalo: the stop has to wait for both.
  zalo.failNext('message', { kind: 'delay', ms: 1500 }, { kind: 'delay', ms: 1500 });
  expect(await post('z1', 'le phi dang ky khai sinh')).toBe(200);
  const closing = server.close();
  // Far enough into the stop that the outbox dispatcher has stopped (or no request is taken any more).
  await waitUntil(async () => {
    try {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { dispatcher: { status: string } };
      return health.dispatcher.status === 'stopped';
    } catch {
      return true;
    }
  }, 'the stop to get under way');
  const second = await post('z2', 'thu tuc ket hon');
  await closing;
  expect(zalo.sentMessages('z1').map((m) => m.message.text).join('\n')).toMatch(/khai sinh/i);
  if (second === 'refused') return;
  expect(second).toBe(200);
  expect(zalo.sentMessages('z2').map((m) => m.message.text).join('\n')).toMatch(/kết hôn/i);
});
