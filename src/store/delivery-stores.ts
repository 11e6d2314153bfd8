// The delivery layer's storage ports, built together on one database: what the dispatcher,
// the outbox and the operators' dead-letter commands are given instead of the database.
import type { Db } from './db';
import { KyselyDeadLetterStore, type DeadLetterStore } from './dead-letters';
import { KyselyOfficialChats, type OfficialChats } from './official-chats';
import { KyselyOutboxStore, type OutboxStore } from './outbox';
import { KyselyOutboxClaims, type OutboxClaims } from './outbox-claims';
import { KyselyZaloWindowStore, type ZaloWindowStore } from './zalo-window';

export interface DeliveryStores {
  outbox: OutboxStore;
  claims: OutboxClaims;
  deadLetters: DeadLetterStore;
  zaloWindow: ZaloWindowStore;
  officialChats: OfficialChats;
}

export function deliveryStores(db: Db): DeliveryStores {
  return {
    outbox: new KyselyOutboxStore(db.kysely),
    claims: new KyselyOutboxClaims(db.kysely, db.dialect),
    deadLetters: new KyselyDeadLetterStore(db.kysely),
    zaloWindow: new KyselyZaloWindowStore(db.kysely),
    officialChats: new KyselyOfficialChats(db.kysely),
  };
}
