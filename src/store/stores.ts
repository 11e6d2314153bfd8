// The store's ports on one database, built once by the composition root (Context.stores): the
// layers above receive these and never the database itself.
import type { ChatActivity } from '../conversation/engine';
import { DbAlertRunStore, type AlertRunStore } from './alert-runs';
import { KyselyApiKeyStore, type ApiKeyStore } from './api-keys';
import { StoreChatActivity } from './chat-activity';
import { DbConversationStates, type ConversationStates } from './conversation-state';
import type { Db } from './db';
import { KyselyDeadLetterStore, type DeadLetterStore } from './dead-letters';
import { KyselyDossierStore, type DossierStore } from './dossiers';
import { DbFeedbackStore, type FeedbackStore } from './feedback';
import { DbHealthProbe, type HealthProbe } from './health';
import { KyselyOldRows, type OldRows } from './housekeeping';
import { KyselyOfficialChats, type OfficialChats } from './official-chats';
import { DbOfficialStore, type OfficialStore } from './officials';
import { KyselyOutboxStore, type OutboxStore } from './outbox';
import { KyselyOutboxClaims, type OutboxClaims } from './outbox-claims';
import { KyselyRateLimitStore, type RateLimitStore } from './rate-limits';
import { DbSeenEvents, type SeenEvents } from './seen-events';
import { DbWebhookInbox, type WebhookInbox } from './webhook-inbox';
import { DbButtonMemoryStore, type ButtonMemoryStore } from './zalo-buttons';
import { DbZaloTokenStore, type ZaloTokens, type ZaloTokenStore } from './zalo-tokens';
import { KyselyZaloWindowStore, type ZaloWindowStore } from './zalo-window';

export interface Stores {
  /** Dossiers, their history and subscriptions; the outbox inside an intake transaction. */
  dossiers: DossierStore;
  /** Attempt counts per key and window (lookups, /lienket, the web chat). */
  rateLimits: RateLimitStore;
  /** The agencies' API keys, by hash. */
  apiKeys: ApiKeyStore;
  officials: OfficialStore;
  alertRuns: AlertRunStore;
  /** The outbox: queueing, and what is pending. */
  outbox: OutboxStore;
  /** The dispatcher's claims and outcomes on outbox rows. */
  claims: OutboxClaims;
  deadLetters: DeadLetterStore;
  zaloWindow: ZaloWindowStore;
  /** An official's chats, for rerouting an undeliverable alert. */
  officialChats: OfficialChats;
  /** When each chat last wrote to us. */
  chatActivity: ChatActivity;
  feedback: FeedbackStore;
  /** What the assistant remembers of each chat, shared by the processes on this database. */
  conversations: ConversationStates;
  health: HealthProbe;
  zaloButtons: ButtonMemoryStore;
  /** The rows the daily housekeeping deletes once old. */
  oldRows: OldRows;
  /** The token pair of one Zalo OA app, seeded from the configured pair. */
  zaloTokens(appId: string, configured?: ZaloTokens): ZaloTokenStore;
  /** The event ids already handled on one channel (`zalo`, `telegram:<bot id>`). */
  seenEvents(channel: string, now?: () => Date): SeenEvents;
  /** Webhook events stored before their 200, until handled, on one channel (named as for seenEvents). */
  webhookInbox(channel: string): WebhookInbox;
}

export function createStores(db: Db): Stores {
  const kysely = db.kysely;
  return {
    dossiers: new KyselyDossierStore(kysely),
    rateLimits: new KyselyRateLimitStore(kysely),
    apiKeys: new KyselyApiKeyStore(kysely),
    officials: new DbOfficialStore(kysely),
    alertRuns: new DbAlertRunStore(kysely),
    outbox: new KyselyOutboxStore(kysely),
    claims: new KyselyOutboxClaims(kysely, db.dialect),
    deadLetters: new KyselyDeadLetterStore(kysely),
    zaloWindow: new KyselyZaloWindowStore(kysely),
    officialChats: new KyselyOfficialChats(kysely),
    chatActivity: new StoreChatActivity(kysely),
    feedback: new DbFeedbackStore(kysely),
    conversations: new DbConversationStates(kysely),
    health: new DbHealthProbe(db),
    zaloButtons: new DbButtonMemoryStore(kysely),
    oldRows: new KyselyOldRows(kysely),
    zaloTokens: (appId, configured) => new DbZaloTokenStore(kysely, appId, configured),
    seenEvents: (channel, now) => new DbSeenEvents(kysely, channel, now),
    webhookInbox: (channel) => new DbWebhookInbox(kysely, channel),
  };
}
