// The outbox: every outgoing message is a row first, then a delivery.
import type { Selectable } from 'kysely';

export type OutboxState = 'pending' | 'sent' | 'failed' | 'undeliverable';

export interface DeliveryTables {
  outbox: {
    id: string;
    channel: string;
    chat_id: string;
    /** What it is for: digest, escalation, dossier_update, … */
    kind: string;
    /** The Reply, as JSON. */
    body: string;
    /** Unique when set: enqueueing the same key twice keeps one message. */
    dedupe_key: string | null;
    state: string;
    attempts: number;
    next_attempt_at: number;
    /** A dispatcher's claim: rows claimed until this time are not picked by another. */
    claimed_until: number | null;
    claimed_by: string | null;
    last_error: string | null;
    /** An official's id, so an undeliverable message can go to another linked chat. */
    official_id: string | null;
    created_at: number;
    sent_at: number | null;
    /** When it became a dead letter (failed or undeliverable). */
    failed_at: number | null;
    /** When an operator last retried it: its age limit counts from then. */
    retried_at: number | null;
  };
}

export type OutboxRow = Selectable<DeliveryTables['outbox']>;
