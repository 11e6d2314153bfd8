// The layers of src/, enforced: no import cycle between files, no import from a lower layer
// to a higher one, and storage only in the store layer (no database driver, Kysely or SQL
// elsewhere). Imports are read with the TypeScript scanner (static, type-only, re-exports and
// dynamic `import()` alike), so a type counts as much as a value.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

/**
 * Bottom first. A file may import its own layer and the layers below it, never one above.
 *
 * - base: what every part needs and that knows no part — the clock, the log, the config schema,
 *   the metrics, Vietnam's local days, office hours and statutory holidays, and the conversation model
 *   (Incoming, Reply, buttons, payload grammar, the ConversationEngine and its handler ports):
 *   channels render it, the assistant, dossiers, alerts and feedback produce it.
 * - catalogue: the procedures as read from procedures/ (schema, loader, checks).
 * - search: the index over the catalogue (the assistant's and the HTTP API's search).
 * - store: the database, migrations and the shared runtime (Context). Each capability's
 *   `tables.ts` (its table shapes) counts here: src/store/database.ts combines them, and they
 *   import nothing but kysely.
 * - delivery: the outbox and the dispatcher; dossiers and alerts queue messages through it.
 * - dossiers, listings: dossier intake, deadlines and lookup; the printed procedure listings.
 * - alerts: the officials' near-due and overdue scan, built on dossiers and delivery.
 * - assistant: the procedure assistant (search → answer), a Responder of the conversation.
 * - feedback: the 👍/👎 loop, which wraps the assistant.
 * - http: the Express app and the API routes (dossiers, procedures, listings, health).
 * - channels: Telegram, Zalo and the web chat; they mount their webhooks on the http app and
 *   render Replies; `channels/senders.ts` gives the CLI their senders.
 * - app: the composition (src/main.ts), the CLI and the answer-quality evaluation.
 */
const LAYERS: ReadonlyArray<{ name: string; files: RegExp }> = [
  { name: 'base', files: /^(clock|log|config|metrics|local-time|office-hours|event-loop|holidays)\.ts$|^conversation\// },
  { name: 'catalogue', files: /^catalogue\// },
  { name: 'search', files: /^search\// },
  { name: 'store', files: /^store\/|^context\.ts$|^[a-z-]+\/(?:[a-z-]+\/)?tables\.ts$/ },
  { name: 'delivery', files: /^delivery\// },
  { name: 'dossiers, listings', files: /^(dossiers|listings)\// },
  { name: 'alerts', files: /^alerts\// },
  { name: 'assistant', files: /^assistant\// },
  { name: 'feedback', files: /^feedback\// },
  { name: 'http', files: /^http\// },
  { name: 'channels', files: /^channels\// },
  { name: 'app', files: /^(main|cli)\.ts$|^(cli|eval)\// },
];

/**
 * Imports that break the order today and need more than a small move; each names its way out.
 * A new violation fails the test; so does an exception that no longer happens (remove it).
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ from: string; to: string; reason: string }> = [];

function layerOf(file: string): number {
  // The first matching rule wins, so a tables.ts is store before its folder's layer is tried.
  const store = LAYERS.findIndex((l) => l.name === 'store');
  if (LAYERS[store]!.files.test(file)) return store;
  return LAYERS.findIndex((l) => l.files.test(file));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every src file (relative to src/, with /) and the src files it imports. */
function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(file, fileName);
      if (target) targets.push(rel(target));
      else unresolved.push(`${rel(file)} → ${fileName}`);
    }
    graph.set(rel(file), [...new Set(targets)].sort());
  }
  return { graph, unresolved };
}

/** The strongly connected components with more than one file (Tarjan), each as one cycle path. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(cyclePath(graph, new Set(component)));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One concrete loop inside a component: a → b → … → a (shortest from its first file). */
function cyclePath(graph: Map<string, string[]>, component: Set<string>): string[] {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const loop = [v];
        while (loop[0] !== start) loop.unshift(previous.get(loop[0]!)!);
        return [...loop, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component];
}

/** The database packages: only the store layer talks to the database. */
const DATABASE_MODULES = new Set(['kysely', 'pg', 'better-sqlite3']);

/** SQL and dialect branches, as they read in a TypeScript file. */
const SQL_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'sql`', pattern: /\bsql`/ },
  { name: '.selectFrom(', pattern: /\.selectFrom\(/ },
  { name: '.insertInto(', pattern: /\.insertInto\(/ },
  { name: '.updateTable(', pattern: /\.updateTable\(/ },
  { name: '.deleteFrom(', pattern: /\.deleteFrom\(/ },
  { name: 'dialect ===', pattern: /\bdialect\s*[!=]==/ },
];

/**
 * What `file` (relative to src/) does with storage that only the store layer may do: import a
 * database package, or hold SQL or a dialect branch. Files in src/store/ may; a capability's
 * `tables.ts` (its table shapes, store layer too) may import Kysely's types and nothing more.
 */
function storageLeaks(file: string, text: string): string[] {
  if (file.startsWith('store/')) return [];
  const tables = /(^|\/)tables\.ts$/.test(file);
  const leaks: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (DATABASE_MODULES.has(fileName) && !(tables && fileName === 'kysely')) leaks.push(`${file} imports ${fileName}`);
  }
  if (tables) {
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'kysely') continue;
      if (!statement.importClause?.isTypeOnly) leaks.push(`${file} imports kysely values, not only its types`);
    }
  }
  for (const { name, pattern } of SQL_PATTERNS) if (pattern.test(text)) leaks.push(`${file} holds ${name}`);
  return leaks;
}

const { graph, unresolved } = importGraph();

describe('architecture: the import graph of src/', () => {
  it('reads every relative import', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph).map((loop) => loop.join(' → '))).toEqual([]);
  });

  it('places every file in a layer', () => {
    expect([...graph.keys()].filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it('never imports from a lower layer to a higher one, outside the known exceptions', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const [from, to] = [layerOf(file), layerOf(target)];
        if (from >= 0 && to > from) violations.push(`${file} (${LAYERS[from]!.name}) → ${target} (${LAYERS[to]!.name})`);
      }
    }
    const known = (v: string) => KNOWN_EXCEPTIONS.some((e) => v.startsWith(`${e.from} (`) && v.includes(` → ${e.to} (`));
    expect(violations.filter((v) => !known(v)).sort()).toEqual([]);
    const stale = KNOWN_EXCEPTIONS.filter((e) => !violations.some((v) => v.startsWith(`${e.from} (`) && v.includes(` → ${e.to} (`)));
    expect(stale.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it('finds a lower-to-higher import and a cycle when there is one', () => {
    // The checks themselves: a store file importing the assistant, and a two-file loop.
    expect(layerOf('store/db.ts')).toBeLessThan(layerOf('assistant/assistant.ts'));
    expect(layerOf('alerts/tables.ts')).toBe(layerOf('store/database.ts'));
    const loop = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(loop)).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});

describe('architecture: storage lives in src/store/', () => {
  it('no file outside the store layer imports kysely, pg or better-sqlite3, or holds SQL or a dialect branch', () => {
    const leaks = sourceFiles(SRC).flatMap((full) => {
      const file = path.relative(SRC, full).split(path.sep).join('/');
      return storageLeaks(file, fs.readFileSync(full, 'utf8'));
    });
    expect(leaks).toEqual([]);
  });

  it('finds a driver import, SQL, a dialect branch and a value import in a tables.ts when there is one', () => {
    expect(storageLeaks('store/outbox.ts', "import { sql } from 'kysely';\ndb.selectFrom('outbox');")).toEqual([]);
    expect(storageLeaks('alerts/tables.ts', "import type { Selectable } from 'kysely';")).toEqual([]);
    expect(storageLeaks('alerts/tables.ts', "import { Kysely } from 'kysely';")).toEqual(['alerts/tables.ts imports kysely values, not only its types']);
    expect(storageLeaks('cli/db.ts', "import SQLite from 'better-sqlite3';")).toEqual(['cli/db.ts imports better-sqlite3']);
    expect(storageLeaks('alerts/scan.ts', "import type { Kysely } from 'kysely';\nawait db.deleteFrom('outbox');\nif (db.dialect === 'postgres') await sql`ANALYZE`.execute(db);")).toEqual([
      'alerts/scan.ts imports kysely',
      'alerts/scan.ts holds sql`',
      'alerts/scan.ts holds .deleteFrom(',
      'alerts/scan.ts holds dialect ===',
    ]);
  });
});
