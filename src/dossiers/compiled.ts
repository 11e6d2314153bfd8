// Statements the intake runs thousands of times a second, built and compiled by Kysely once
// per database and then run with new parameters: building and compiling a Kysely query
// costs more CPU than SQLite takes to run it. The SQL still comes from Kysely's compiler for
// the database's own dialect, so SQLite and PostgreSQL both keep working without a branch.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from '../store/database';
import type { DossierEventRow, DossierRow } from './tables';

const MARK = '\u0000motcua-param:';

/** A compiled statement waiting for its parameters, named as when it was built. */
export type Template<P> = (params: P) => CompiledQuery;

/**
 * Builds the query once with a marker per parameter, compiles it, and remembers which name
 * each placeholder stands for: the binding order is then whatever Kysely's compiler chose.
 */
export function template<P extends object>(build: (param: <K extends keyof P & string>(name: K) => P[K]) => Compilable): Template<P> {
  const compiled = build((name) => `${MARK}${name}` as never).compile();
  const names = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith(MARK)) throw new Error(`dossiers: statement parameter ${String(value)} was not given by name: ${compiled.sql}`);
    return value.slice(MARK.length) as keyof P;
  });
  return (params) => CompiledQuery.raw(compiled.sql, names.map((name) => params[name]));
}

const DOSSIER_COLUMNS = ['code', 'agency_code', 'procedure_code', 'unit', 'official_id', 'applicant_name', 'applicant_phone', 'channel', 'status', 'received_at', 'clock_started_at', 'due_at', 'original_due_at', 'extended', 'paused_at', 'completed_at', 'updated_at'] as const satisfies readonly (keyof DossierRow)[];
const EVENT_COLUMNS = ['id', 'dossier_code', 'type', 'at', 'status', 'actor', 'note', 'request_hash', 'created_at'] as const satisfies readonly (keyof DossierEventRow)[];

function byName<T extends object>(columns: readonly (keyof T & string)[], param: <K extends keyof T & string>(name: K) => T[K]): T {
  return Object.fromEntries(columns.map((c) => [c, param(c)])) as T;
}

/** The intake's hot statements for one database. */
export function intakeStatements(db: Kysely<Database>) {
  return {
    /** A no-op write that takes the row lock (see lockedDossier in intake.ts). */
    lockDossier: template<{ code: string }>((p) => db.updateTable('dossiers').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('code', '=', p('code'))),
    selectDossier: template<{ code: string }>((p) => db.selectFrom('dossiers').selectAll().where('code', '=', p('code'))),
    insertAgency: template<{ code: string; name: string | null; created_at: number }>((p) => db.insertInto('agencies').values({ code: p('code'), name: p('name'), created_at: p('created_at') }).onConflict((oc) => oc.column('code').doNothing())),
    insertDossier: template<DossierRow>((p) => db.insertInto('dossiers').values(byName<DossierRow>(DOSSIER_COLUMNS, p)).onConflict((oc) => oc.column('code').doNothing())),
    updateDossier: template<DossierRow>((p) => db.updateTable('dossiers').set(byName<DossierRow>(DOSSIER_COLUMNS, p)).where('code', '=', p('code'))),
    insertEvent: template<DossierEventRow>((p) => db.insertInto('dossier_events').values(byName<DossierEventRow>(EVENT_COLUMNS, p))),
  };
}

export type IntakeStatements = ReturnType<typeof intakeStatements>;
