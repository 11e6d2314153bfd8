// The outbox's dead letters: messages the dispatcher gave up on (failed: a permanent error, or
// still failing at its age limit; undeliverable: no channel could reach the recipient). They
// stay in the outbox so operators can see them and send them again (`motcua outbox`).
import type { DeadLetter, DeadLetterStore } from '../store/dead-letters';

export type { DeadLetter } from '../store/dead-letters';

export function listDeadLetters(store: DeadLetterStore, limit = 1000): Promise<DeadLetter[]> {
  return store.list(limit);
}

export class DeadLetterNotFound extends Error {
  override readonly name = 'DeadLetterNotFound';
}

/**
 * Puts dead letters back in the queue: `ids` are full ids or unique prefixes (at least 6
 * characters); `all` takes every dead letter. Each is sent again from now on, in its chat's
 * order, and its age limit counts from now. Returns the ids requeued.
 */
export async function retryDeadLetters(store: DeadLetterStore, target: { ids: readonly string[] } | { all: true }, now: Date): Promise<string[]> {
  let ids: string[];
  if ('all' in target) {
    ids = await store.allIds();
  } else {
    ids = [];
    for (const wanted of target.ids) {
      if (wanted.length < 6) throw new DeadLetterNotFound(`outbox: "${wanted}" is too short; give at least 6 characters of the id`);
      const found = await store.idsStartingWith(wanted, 2);
      if (found.length === 0) throw new DeadLetterNotFound(`outbox: no failed message with id ${wanted}`);
      if (found.length > 1) throw new DeadLetterNotFound(`outbox: more than one failed message starts with ${wanted}; give more of the id`);
      ids.push(found[0]!);
    }
  }
  await store.requeue(ids, now.getTime());
  return ids;
}
