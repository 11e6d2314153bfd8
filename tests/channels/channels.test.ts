// The channels as serve builds them from the config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/channels';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { openDatabase, type Db } from '../../src/store/db';
import { createStores } from '../../src/store/stores';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { recordingEngine } from './engines';

describe('channels from the config', () => {
  let db: Db;
  let fake: FakeTelegram;
  beforeAll(async () => {
    db = await openDatabase('sqlite::memory:');
    fake = await startFakeTelegram({ maxPollHoldMs: 100 });
  });
  afterAll(async () => {
    await db.close();
    await fake.close();
  });

  it('serves only the web chat when no tokens are configured', () => {
    const channels = createChannels(parseConfig({}), recordingEngine(), { stores: createStores(db), logger: silentLogger() });
    expect(channels.mounts.map((m) => m.path)).toEqual(['/']);
    expect(channels.senders).toEqual([]);
  });

  it('adds Zalo only when every Zalo key is set, and Telegram when its token is', async () => {
    const partial = createChannels(parseConfig({ ZALO_APP_ID: '1', ZALO_APP_SECRET: 's' }), recordingEngine(), { stores: createStores(db), logger: silentLogger() });
    expect(partial.senders).toEqual([]);
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot,
      ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k', ZALO_ACCESS_TOKEN: 'a', ZALO_REFRESH_TOKEN: 'r',
    });
    const full = createChannels(config, recordingEngine(), { stores: createStores(db), logger: silentLogger() });
    expect(full.mounts.map((m) => m.path)).toEqual(['/webhooks/zalo', '/']);
    expect(full.senders.map((s) => s.channel)).toEqual(['telegram', 'zalo']);
    await full.start();
    await fake.waitForCalls('getUpdates', 1);
    await full.stop();
  });

  it('mounts the Telegram webhook in webhook mode', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/webhooks/telegram', TELEGRAM_WEBHOOK_SECRET: 'abc' });
    const channels = createChannels(config, recordingEngine(), { stores: createStores(db), logger: silentLogger() });
    expect(channels.mounts.map((m) => m.path)).toEqual(['/webhooks/telegram', '/']);
  });
});
