// Waiting in tests without a fixed pause: gates the test opens itself, and waits until a
// condition holds, checked every few milliseconds (vi.waitFor) and over as soon as it does — for
// what no event announces: a log line, a channel's state, a child's output, a reconnection.
import { vi } from 'vitest';
import type { Truthy } from '../fakes/waiters';

/** Resolves with the first truthy result of `check` (which may be async); fails naming `what` after timeoutMs. */
export function waitUntil<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<Truthy<T>> {
  return vi.waitFor(
    async () => {
      const result = await check();
      if (!result) throw new Error(`test: waited ${timeoutMs} ms for ${what}`);
      return result as Truthy<T>;
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

/** A promise the test opens when it chooses: a task held back without a timer. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
