// Every migration, in order. Names sort lexically; add new ones at the end with the next number.
// Column types must work on SQLite and PostgreSQL alike (see src/store/db.ts).
import type { Migration } from 'kysely';
import { m0001_chat_activity } from './0001-chat-activity';

export const migrations: Record<string, Migration> = {
  '0001_chat_activity': m0001_chat_activity,
};
