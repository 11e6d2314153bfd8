// Runs one store test suite against SQLite and against PostgreSQL, each suite in its own
// PostgreSQL schema so suites can run in parallel and leave nothing behind. Which PostgreSQL
// (TEST_POSTGRES_URL, the local server, or an embedded one) is decided once by the global
// set-up in tests/helpers/postgres-setup.ts.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';

export const POSTGRES_URL = inject('postgresUrl');

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

export function storeTargets(): StoreTarget[] {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  return [
    { name: 'sqlite', open: () => openDatabase('sqlite::memory:'), cleanup: async () => {} },
    {
      name: 'postgres',
      open: () => openDatabase(POSTGRES_URL, { schema }),
      cleanup: () => dropSchema(POSTGRES_URL, schema),
    },
  ];
}

/**
 * `describeStores('dossiers', (db) => { it(...) })`: the body runs once per database; it is told
 * which, so a behaviour only one database can show (a pool's reordering) is defined there alone.
 */
export function describeStores(name: string, body: (db: () => Db, target: StoreTarget['name']) => void): void {
  for (const target of storeTargets()) {
    describe(`${name} [${target.name}]`, () => {
      let db: Db | undefined;
      beforeAll(async () => {
        db = await target.open();
      });
      afterAll(async () => {
        await db?.close();
        await target.cleanup();
      });
      body(() => {
        if (!db) throw new Error('store not opened');
        return db;
      }, target.name);
    });
  }
}
