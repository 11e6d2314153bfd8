// The channel senders the CLI uses for `alerts run`. The composition root passes the real
// Telegram and Zalo senders (src/channels/**); until those are wired here, `alerts run` only
// queues, and a running `serve` delivers.
import type { Config } from '../config';
import type { Logger } from '../log';
import type { ChannelSender } from './ports';

export type SenderFactory = (config: Config, logger: Logger) => Promise<ChannelSender[]>;

export const noSenders: SenderFactory = async () => [];
