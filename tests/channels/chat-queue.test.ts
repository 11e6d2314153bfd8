import { describe, expect, it } from 'vitest';
import { ChatQueue } from '../../src/channels/chat-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('per-chat queue', () => {
  it('answers one chat in order even when the first answer is slower, other chats in parallel', async () => {
    const queue = new ChatQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('a', async () => { await sleep(60); done.push('a1'); }),
      queue.run('a', async () => { done.push('a2'); }),
      queue.run('b', async () => { await sleep(10); done.push('b1'); }),
    ]);
    expect(done).toEqual(['b1', 'a1', 'a2']);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a failed task and forgets idle chats', async () => {
    const queue = new ChatQueue();
    await expect(queue.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    let ran = false;
    await queue.run('a', async () => { ran = true; });
    expect(ran).toBe(true);
    await sleep(0);
    expect(queue.size).toBe(0);
  });
});
