#!/usr/bin/env node
// Online backup of motcua's SQLite database while the server runs (SQLite's backup API, as
// `sqlite3 .backup` does): `node deploy/sqlite-backup.mjs <database> <backup file>`. The copy
// is checked (PRAGMA integrity_check) before the script says it is done. Run it from the
// install directory (it uses the project's better-sqlite3). Restore: docs/van-hanh.md.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  process.stderr.write('usage: node deploy/sqlite-backup.mjs <database, e.g. /var/lib/motcua/motcua.db> <backup file>\n');
  process.exit(2);
}
const file = source.replace(/^sqlite:/, '');
if (!fs.existsSync(file)) {
  process.stderr.write(`sqlite-backup: no database at ${file}\n`);
  process.exit(1);
}
if (fs.existsSync(target)) {
  process.stderr.write(`sqlite-backup: ${target} exists; choose a new file name\n`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  await db.backup(target);
} finally {
  db.close();
}
const copy = new Database(target, { readonly: true, fileMustExist: true });
const check = copy.pragma('integrity_check', { simple: true });
copy.close();
if (check !== 'ok') {
  process.stderr.write(`sqlite-backup: the copy failed its integrity check: ${check}\n`);
  process.exit(1);
}
process.stdout.write(`sqlite-backup: ${file} -> ${target} (${fs.statSync(target).size} bytes, integrity ok)\n`);
