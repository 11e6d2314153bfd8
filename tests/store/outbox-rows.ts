// Outbox rows for the store contract tests: a pending message with sensible defaults.
import crypto from 'node:crypto';
import type { NewOutboxRow } from '../../src/store/outbox';

export function outboxRow(overrides: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return {
    id: crypto.randomUUID(),
    channel: 'telegram',
    chat_id: '1001',
    kind: 'digest',
    body: JSON.stringify({ blocks: [{ kind: 'text', text: 'tin' }] }),
    dedupe_key: null,
    state: 'pending',
    attempts: 0,
    next_attempt_at: 1_000,
    claimed_until: null,
    claimed_by: null,
    last_error: null,
    official_id: null,
    created_at: 1_000,
    sent_at: null,
    failed_at: null,
    retried_at: null,
    ...overrides,
  };
}
