// A status change becomes one outbox message per subscribed chat, written in the same
// transaction as the change so a message is never lost or sent for a change that rolled back.
import type { Kysely } from 'kysely';
import { textReply } from '../conversation/message';
import { enqueue } from '../delivery/outbox';
import type { Database } from '../store/database';
import { STATUS_LABELS, type DossierStatus } from './status';
import type { DossierRow } from './tables';
import { formatLocalDate } from './working-days';

export function statusChangeText(row: DossierRow, procedureName: string | undefined): string {
  const lines = [`Hồ sơ ${row.code}: ${STATUS_LABELS[row.status as DossierStatus] ?? row.status}.`];
  if (procedureName) lines.push(procedureName);
  lines.push(`Hẹn trả: ${formatLocalDate(new Date(row.due_at))}`);
  return lines.join('\n');
}

export async function notifySubscribers(db: Kysely<Database>, row: DossierRow, eventId: string, procedureName: string | undefined, now: Date): Promise<number> {
  const subscribers = await db.selectFrom('subscriptions').select(['channel', 'chat_id']).where('dossier_code', '=', row.code).execute();
  let queued = 0;
  for (const s of subscribers) {
    if (s.channel !== 'telegram' && s.channel !== 'zalo') continue;
    const written = await enqueue(
      db,
      { channel: s.channel, chatId: s.chat_id, kind: 'dossier_update', reply: textReply(statusChangeText(row, procedureName)), dedupeKey: `dossier:${row.code}:${eventId}:${s.channel}:${s.chat_id}` },
      now,
    );
    if (written) queued += 1;
  }
  return queued;
}
