// The store's ports on one database, built once by the composition root (Context.stores): the
// layers above receive these and never the database itself.
import { DbAlertRunStore, type AlertRunStore } from './alert-runs';
import type { Db } from './db';
import { DbFeedbackStore, type FeedbackStore } from './feedback';
import { DbHealthProbe, type HealthProbe } from './health';
import { DbOfficialStore, type OfficialStore } from './officials';
import { DbOpenDossierPages, type OpenDossierPages } from './open-dossiers';
import { DbSeenEvents, type SeenEvents } from './seen-events';
import { DbButtonMemoryStore, type ButtonMemoryStore } from './zalo-buttons';
import { DbZaloTokenStore, type ZaloTokens, type ZaloTokenStore } from './zalo-tokens';

export interface Stores {
  officials: OfficialStore;
  alertRuns: AlertRunStore;
  openDossiers: OpenDossierPages;
  feedback: FeedbackStore;
  health: HealthProbe;
  zaloButtons: ButtonMemoryStore;
  /** The token pair of one Zalo OA app, seeded from the configured pair. */
  zaloTokens(appId: string, configured?: ZaloTokens): ZaloTokenStore;
  /** The event ids already handled on one channel (`zalo`, `telegram:<bot id>`). */
  seenEvents(channel: string, now?: () => Date): SeenEvents;
}

export function createStores(db: Db): Stores {
  const kysely = db.kysely;
  return {
    officials: new DbOfficialStore(kysely),
    alertRuns: new DbAlertRunStore(kysely),
    openDossiers: new DbOpenDossierPages(kysely),
    feedback: new DbFeedbackStore(kysely),
    health: new DbHealthProbe(db),
    zaloButtons: new DbButtonMemoryStore(kysely),
    zaloTokens: (appId, configured) => new DbZaloTokenStore(kysely, appId, configured),
    seenEvents: (channel, now) => new DbSeenEvents(kysely, channel, now),
  };
}
