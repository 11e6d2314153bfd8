// An online copy of a SQLite database file while the server writes to it (SQLite's backup API
// through better-sqlite3), checked with PRAGMA integrity_check: what `motcua db backup` runs.
import SQLite from 'better-sqlite3';

/** Copies `file` to `target` (which must not exist); returns the copy's integrity_check answer, 'ok' when sound. */
export async function backupSqlite(file: string, target: string): Promise<string> {
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const copy = new SQLite(target, { readonly: true, fileMustExist: true });
  try {
    return String(copy.pragma('integrity_check', { simple: true }));
  } finally {
    copy.close();
  }
}
