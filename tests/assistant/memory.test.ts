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

  it('keeps the choices a question back offered until an answer or another reply, and their time limit', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const memory = new ConversationMemory({ clock, ttlMs: 1000 });
    memory.remember('a', '1.000001');
    memory.rememberChoices('a', ['2.000001', '2.000002']);
    expect(memory.lastChoices('a')).toEqual(['2.000001', '2.000002']);
    // The last answered procedure is still the topic of a follow-up.
    expect(memory.lastProcedure('a')).toBe('1.000001');
    memory.forgetChoices('a');
    expect(memory.lastChoices('a')).toBeUndefined();
    expect(memory.lastProcedure('a')).toBe('1.000001');
    memory.rememberChoices('a', ['2.000003']);
    memory.remember('a', '2.000003');
    expect(memory.lastChoices('a')).toBeUndefined();
    memory.rememberChoices('b', ['2.000004']);
    clock.advance(1001);
    expect(memory.lastChoices('b')).toBeUndefined();
  });
});
