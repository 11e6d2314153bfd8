// ChatQueue: one chat's messages in order, different chats in parallel, idle chats forgotten.
import { describe, expect, it } from 'vitest';
import { ChatQueue } from '../../src/channels/chat-queue';
import { gate } from '../helpers/wait';

describe('per-chat queue', () => {
  it('answers one chat in order even when the first answer is slower, other chats in parallel', async () => {
    const queue = new ChatQueue();
    const done: string[] = [];
    const slowA1 = gate();
    const a1 = queue.run('a', async () => { await slowA1.opened; done.push('a1'); });
    const a2 = queue.run('a', async () => { done.push('a2'); });
    // Chat b finishes while a's first answer is still being worked out.
    await queue.run('b', async () => { done.push('b1'); });
    expect(done).toEqual(['b1']);
    slowA1.open();
    await Promise.all([a1, a2]);
    expect(done).toEqual(['b1', 'a1', 'a2']);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a failed task and forgets idle chats', async () => {
    const queue = new ChatQueue();
    await expect(queue.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    let ran = false;
    await queue.run('a', async () => { ran = true; });
    expect(ran).toBe(true);
    // A chat is forgotten once the queue's promise callbacks have run, before the next event-loop turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
