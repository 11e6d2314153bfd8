import { describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../src/assistant/memory';
import { fixedClock } from '../../src/clock';

describe('ConversationMemory', () => {
  it('forgets the least recently used chat when full', () => {
    const memory = new ConversationMemory({ maxChats: 2 });
    memory.remember('a', '1.000001');
    memory.remember('b', '1.000002');
    expect(memory.lastProcedure('a')).toBe('1.000001');
    memory.remember('a', '1.000003');
    memory.remember('c', '1.000004');
    expect(memory.size).toBe(2);
    expect(memory.lastProcedure('b')).toBeUndefined();
    expect(memory.lastProcedure('a')).toBe('1.000003');
  });

  it('forgets a topic older than the time limit', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const memory = new ConversationMemory({ clock, ttlMs: 1000 });
    memory.remember('a', '1.000001');
    clock.advance(1000);
    expect(memory.lastProcedure('a')).toBe('1.000001');
    clock.advance(1);
    expect(memory.lastProcedure('a')).toBeUndefined();
    expect(memory.size).toBe(0);
  });

  it('stays bounded under many chats', () => {
    const memory = new ConversationMemory({ maxChats: 10_000 });
    for (let i = 0; i < 25_000; i++) memory.remember(`chat${i}`, '1.000001');
    expect(memory.size).toBe(10_000);
  });
});
