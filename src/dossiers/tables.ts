// Tables for agencies, their API keys, dossiers, their history, citizen subscriptions and
// the failed-lookup counters that rate-limit status lookups across processes.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface DossierTables {
  agencies: {
    code: string;
    name: string | null;
    created_at: number;
  };
  api_keys: {
    id: string;
    agency_code: string;
    /** sha256 of the key; the key itself is shown once and never stored. */
    key_hash: string;
    created_at: number;
    revoked_at: number | null;
  };
  dossiers: {
    code: string;
    agency_code: string;
    procedure_code: string;
    unit: string;
    official_id: string | null;
    applicant_name: string;
    applicant_phone: string;
    channel: string;
    status: string;
    received_at: number;
    /** When the working-day clock (re)started: receipt, or a supplement received. */
    clock_started_at: number;
    due_at: number;
    /** The due date before the one allowed extension (Mẫu 04), if extended. */
    original_due_at: number | null;
    extended: number;
    paused_at: number | null;
    completed_at: number | null;
    updated_at: number;
  };
  dossier_events: {
    id: string;
    dossier_code: string;
    type: string;
    at: number;
    status: string | null;
    actor: string;
    note: string | null;
    /** Hash of the request that produced it, so a repeated request changes nothing. */
    request_hash: string | null;
    created_at: number;
  };
  subscriptions: {
    dossier_code: string;
    channel: string;
    chat_id: string;
    created_at: number;
  };
  rate_limits: {
    key: string;
    window_start: number;
    count: Generated<number>;
  };
}

export type DossierRow = Selectable<DossierTables['dossiers']>;
export type NewDossierRow = Insertable<DossierTables['dossiers']>;
export type DossierEventRow = Selectable<DossierTables['dossier_events']>;
