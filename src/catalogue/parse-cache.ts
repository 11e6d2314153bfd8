// A cache of parsed YAML (not of validated data) keyed by each file's size and mtime, so a
// restart re-parses only the files that changed: JSON.parse is several times cheaper than
// js-yaml on 20 MB of catalogue. The schema still checks every value on every load, so a
// schema change can never be hidden by the cache. Losing or failing to write it is harmless.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bump when the YAML dialect (yaml-schema.ts) changes what a text parses to. */
const FORMAT = 1;

interface Entry {
  size: number;
  mtimeMs: number;
  value: unknown;
}

interface Stored {
  format: number;
  entries: Record<string, Entry>;
}

/** Where the cache of the catalogue directory `dir` lives by default: the OS temp directory. */
export function defaultCachePath(dir: string): string {
  const id = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), 'motcua-catalogue-cache', `${id}.json`);
}

export class ParseCache {
  /** Entries this load used, unchanged since the last one. */
  private readonly kept: Record<string, Entry> = {};
  /** Entries parsed by this load, as JSON already: far smaller than the parsed values. */
  private readonly fresh = new Map<string, string>();

  private constructor(private readonly file: string | undefined, private readonly previous: Record<string, Entry>) {}

  /** `file` undefined: a cache that remembers nothing. */
  static open(file: string | undefined): ParseCache {
    if (!file) return new ParseCache(undefined, {});
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
      if (stored.format === FORMAT && typeof stored.entries === 'object' && stored.entries !== null) return new ParseCache(file, stored.entries);
    } catch {
      // Missing or unreadable: start afresh.
    }
    return new ParseCache(file, {});
  }

  /** The parsed value of `name`, if the file has not changed since it was cached. */
  get(name: string, size: number, mtimeMs: number): { value: unknown } | undefined {
    const entry = this.previous[name];
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
    this.kept[name] = entry;
    return { value: entry.value };
  }

  set(name: string, size: number, mtimeMs: number, value: unknown): void {
    if (this.file) this.fresh.set(name, JSON.stringify({ size, mtimeMs, value } satisfies Entry));
  }

  /** Writes the entries used by this load (dropping deleted files) if anything changed. */
  save(): void {
    if (!this.file) return;
    const removed = Object.keys(this.previous).some((name) => !(name in this.kept));
    if (this.fresh.size === 0 && !removed) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      // Written entry by entry: one string of the whole catalogue would double the peak.
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, `{"format":${FORMAT},"entries":{`);
        let first = true;
        const write = (name: string, json: string) => {
          writeSync(fd, `${first ? '' : ','}${JSON.stringify(name)}:${json}`);
          first = false;
        };
        for (const [name, entry] of Object.entries(this.kept)) if (!this.fresh.has(name)) write(name, JSON.stringify(entry));
        for (const [name, json] of this.fresh) write(name, json);
        writeSync(fd, '}}');
      } finally {
        closeSync(fd);
      }
      // Atomic, so two processes starting together never read half a file.
      renameSync(temp, this.file);
    } catch {
      // A read-only or full disk only costs the next start its speed.
    }
  }
}
