// Tables for officials, the one-time codes that link their chats, and the daily scan runs.
import type { Selectable } from 'kysely';

export interface AlertTables {
  officials: {
    id: string;
    name: string;
    unit: string;
    role: string;
    created_at: number;
    active: number;
  };
  link_codes: {
    /** sha256 of the one-time code. */
    code_hash: string;
    official_id: string;
    expires_at: number;
    used_at: number | null;
  };
  chat_links: {
    official_id: string;
    channel: string;
    chat_id: string;
    linked_at: number;
  };
  alert_runs: {
    /** Local date of the scan, YYYY-MM-DD: one scan per day. */
    day: string;
    started_at: number;
    finished_at: number | null;
    owner: string;
  };
}

export type OfficialRow = Selectable<AlertTables['officials']>;
