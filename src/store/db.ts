// store: the database — SQLite or PostgreSQL behind Kysely, the migrations, the daily
// housekeeping; dialect differences stay in this folder.
// The one database factory: SQLite (default, embedded) or PostgreSQL, both behind Kysely.
// Dialect differences stay in src/store/**. Conventions every table follows, so that one
// migration works on both: times are BIGINT epoch milliseconds (`*_at`), booleans are
// INTEGER 0/1, JSON is TEXT, ids are TEXT or BIGINT.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  PostgresIntrospector,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Migration,
  type MigrationProvider,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { Database } from './database';
import { migrations } from './migrations';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** The PostgreSQL schema in use (tests isolate suites this way); undefined on SQLite. */
  readonly schema?: string;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
}

export interface OpenOptions {
  /** PostgreSQL only: use (and create) this schema instead of public. */
  schema?: string;
  /** Run migrations after connecting (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL only: told when an idle pooled connection fails (a database restart, a
   * terminated backend, a network blip). The pool drops that connection and opens a new one
   * on the next query; without a listener the error would end the process.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * PostgreSQL only: how long a query waits for a new connection before failing (default
   * 5 s), so requests answer 503 during an outage instead of hanging on an unreachable host.
   */
  connectTimeoutMs?: number;
}

/** Opens `sqlite:<path>`, `sqlite::memory:` or `postgres://…` and brings its schema up to date. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const db = url.startsWith('postgres://') || url.startsWith('postgresql://')
    ? await openPostgres(url, options)
    : openSqlite(url);
  if (options.migrate ?? true) await migrate(db);
  return db;
}

function openSqlite(url: string): Db {
  if (!url.startsWith('sqlite:')) throw new DatabaseError(`store: DATABASE_URL must start with sqlite: or postgres:// (got scheme "${url.split(':')[0]}")`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file === ':memory:' ? ':memory:' : file);
  reusePreparedStatements(database);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Reads through memory maps and a larger page cache: fewer system calls per query.
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  // Savepoint and statement journals in memory: each intake upsert runs in a savepoint, and on
  // disk these journals cost a dozen writes to a temporary file per upsert. They only serve
  // rollbacks inside a live transaction; crash recovery relies on the write-ahead log alone.
  database.pragma('temp_store = MEMORY');
  // Checkpoint every 10,000 pages (40 MB of log) rather than SQLite's 1,000: during intake the
  // same index pages are written again and again, and each checkpoint copies a page once
  // however often it changed since the last, then waits for two fsyncs. Commits spend about a
  // third less time (80 → 55 µs per upsert) for a longer pause every few thousand upserts.
  database.pragma('wal_autocheckpoint = 10000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  oneWriter.add(kysely);
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

const oneWriter = new WeakSet<Kysely<Database>>();

/**
 * True for a database that runs its transactions one after another on one connection
 * (SQLite): there, callers gain by grouping many small writes into one transaction, since
 * each commit costs a write-ahead-log write and nothing runs in parallel anyway.
 */
export function writesOneAtATime(db: Kysely<Database>): boolean {
  return oneWriter.has(db);
}

/**
 * Kysely's SQLite driver prepares every statement anew; the same few statements run
 * thousands of times a second during intake, so they are kept by SQL text. Safe because
 * Kysely uses one connection behind a mutex: no statement is ever run twice at once.
 */
function reusePreparedStatements(database: SQLite.Database, max = 256): void {
  const cache = new LRUCache<string, SQLite.Statement>({ max });
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // BIGINT (epoch ms, counters) and NUMERIC counts come back as JS numbers.
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

async function openPostgres(url: string, options: OpenOptions): Promise<Db> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new DatabaseError(`store: bad schema name "${schema}"`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  // The pool listens for errors only on idle connections: one lost while a query runs on it
  // would be emitted with no listener and end the process. The query itself fails (the
  // caller answers 503), and the pool drops the broken connection when it comes back.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onConnectionError?.(error));
  });
  const kysely = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', schema, close: () => kysely.destroy() };
}

/**
 * Introspection of the current schema only. Kysely's own lists every schema's tables (the
 * migrator uses it to find its tables), and fails when another process drops a schema during
 * the listing — as parallel test suites, benches or other tenants of one server do.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  getSchemas(): Promise<SchemaMetadata[]> {
    return new PostgresIntrospector(this.db).getSchemas();
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      SELECT c.relname AS name, n.nspname AS schema, c.relkind AS kind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p')`.execute(this.db);
    // Columns are not listed: nothing here reads them (the migrator needs names only).
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

class SchemaScopedPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Parameters<PostgresDialect['createIntrospector']>[0]): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrate(db: Db): Promise<void> {
  // Kysely finds its migration tables by name in any schema unless told which: with test and
  // bench schemas side by side it would see another schema's table and skip creating its own.
  const migrationTableSchema = db.dialect === 'postgres'
    ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db.kysely)).rows[0]?.schema
    : undefined;
  // Unordered: two changes numbered 0005 and 0006 may land in either order, and a database
  // that already ran 0006 must still take 0005.
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(), allowUnorderedMigrations: true, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new DatabaseError(`store: migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Connection-level failures: the database is away (restarting, unreachable, refusing), as
// opposed to a bad query. Node's socket codes, PostgreSQL's classes 08 (connection exception)
// and 57P (operator intervention: shutdown, terminated backend), and SQLite's busy/I/O errors.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
  'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|database system is (starting up|shutting down)/i;

/** True when `error` says the database cannot be reached right now (answer 503, retry later). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR'))) return true;
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

/** Resolves when the database answers `SELECT 1` within `timeoutMs`; rejects otherwise. */
export async function pingDatabase(db: Db, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseError(`store: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`SELECT 1`.execute(db.kysely), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Drops a PostgreSQL schema created for a test suite. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export { sql };
