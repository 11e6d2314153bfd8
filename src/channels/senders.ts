// Where `motcua alerts run` gets its channel senders: the same Telegram and Zalo senders `serve`
// builds (src/channels), without receiving anything — no polling, no webhook.
import { FAILURE_REPLY } from '../conversation/engine';
import { createChannels } from './index';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Stores } from '../store/stores';
import type { ChannelSender } from '../delivery/ports';

export interface SenderDeps {
  config: Config;
  logger: Logger;
  stores: Stores;
}

export type SenderFactory = (deps: SenderDeps) => Promise<ChannelSender[]>;


/** Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when all its keys are. */
export const channelSenders: SenderFactory = async ({ config, logger, stores }) => {
  // The channels are never started here, so this engine never answers anybody.
  const sendOnly = { handle: async () => FAILURE_REPLY };
  return createChannels(config, sendOnly, { stores, logger }).senders;
};
