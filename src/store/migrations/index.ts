// store/migrations: the schema's history, one numbered file per change, run in order at
// start on SQLite and PostgreSQL alike.
// Every migration, in order. Names sort lexically; add new ones at the end with the next number.
// Column types must work on SQLite and PostgreSQL alike (see src/store/db.ts).
import type { Migration } from 'kysely';
import { m0001_chat_activity } from './0001-chat-activity';
import { m0002_dossiers } from './0002-dossiers';
import { m0003_alerts_delivery } from './0003-alerts-delivery';
import { m0004_zalo_tokens } from './0004-zalo-tokens';
import { m0005_housekeeping } from './0005-housekeeping';
import { m0006_reliable_delivery } from './0006-reliable-delivery';
import { m0007_feedback } from './0007-feedback';
import { m0008_scan_pages } from './0008-scan-pages';
import { m_webhook_inbox } from './0009-webhook-inbox';
import { m0010_zalo_sent_count } from './0010-zalo-sent-count';
import { m0011_conversation_state } from './0011-conversation-state';

export const migrations: Record<string, Migration> = {
  '0001_chat_activity': m0001_chat_activity,
  '0002_dossiers': m0002_dossiers,
  '0003_alerts_delivery': m0003_alerts_delivery,
  '0004_zalo_tokens': m0004_zalo_tokens,
  '0005_housekeeping': m0005_housekeeping,
  '0006_reliable_delivery': m0006_reliable_delivery,
  '0007_feedback': m0007_feedback,
  '0008_scan_pages': m0008_scan_pages,
  '0009_webhook_inbox': m_webhook_inbox,
  '0010_zalo_sent_count': m0010_zalo_sent_count,
  '0011_conversation_state': m0011_conversation_state,
};
