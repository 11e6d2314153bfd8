// A status change becomes one outbox message per subscribed chat, written in the same
// transaction as the change so a message is never lost or sent for a change that rolled back.
import { textReply } from '../conversation/message';
import { enqueueMany, type OutgoingMessage } from '../delivery/outbox';
import { formatDue, type OfficeHours } from '../office-hours';
import type { DossierTransaction } from '../store/dossiers';
import { STATUS_LABELS, type DossierStatus } from './status';
import type { DossierRow } from './tables';

export function statusChangeText(row: DossierRow, procedureName: string | undefined, hours: OfficeHours): string {
  const lines = [`Hồ sơ ${row.code}: ${STATUS_LABELS[row.status as DossierStatus] ?? row.status}.`];
  if (procedureName) lines.push(procedureName);
  lines.push(`Hẹn trả: ${formatDue(hours, row.due_at)}`);
  return lines.join('\n');
}

/** Queues `text` (the statusChangeText of `row`) for every chat following the dossier. */
export async function notifySubscribers(tx: DossierTransaction, row: DossierRow, eventId: string, text: string, now: Date): Promise<number> {
  const messages: OutgoingMessage[] = [];
  for (const s of await tx.subscribers(row.code)) {
    if (s.channel !== 'telegram' && s.channel !== 'zalo') continue;
    messages.push({ channel: s.channel, chatId: s.chatId, kind: 'dossier_update', reply: textReply(text), dedupeKey: `dossier:${row.code}:${eventId}:${s.channel}:${s.chatId}` });
  }
  return messages.length > 0 ? enqueueMany(tx.outbox, messages, now) : 0;
}
