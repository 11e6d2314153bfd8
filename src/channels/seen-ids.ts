// A bounded memory of recently seen event ids, for callers without a database; with one, the
// channels use the stored SeenEvents (src/store/seen-events.ts), which survives a restart.
import { LRUCache } from 'lru-cache';
import type { SeenEvents } from '../store/seen-events';

/** A bounded memory of recently seen event ids; oldest ids are forgotten first. */
export class SeenIds implements SeenEvents {
  private readonly ids: LRUCache<string, true>;

  constructor(capacity = 10_000) {
    this.ids = new LRUCache({ max: capacity });
  }

  async firstTime(id: string): Promise<boolean> {
    if (this.ids.has(id)) return false;
    this.ids.set(id, true);
    return true;
  }

  async seen(id: string): Promise<boolean> {
    return this.ids.has(id);
  }

  async record(id: string): Promise<void> {
    this.ids.set(id, true);
  }

  get size(): number {
    return this.ids.size;
  }
}
