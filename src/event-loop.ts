// Long jobs (the overdue scan, a listing render) share the event loop with webhook answers:
// they hand it back whenever they have run for a slice of time.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Milliseconds of work before a job yields: keeps event-loop delay well under 50 ms. */
export const SLICE_MS = 10;

/**
 * A function to call often inside a long loop: it resolves at once, or, when `sliceMs` have
 * passed since the last yield, after one turn of the event loop (timers and I/O run first).
 */
export function createYielder(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
