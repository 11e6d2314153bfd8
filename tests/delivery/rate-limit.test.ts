// The channel pace and the per-chat gap on a manual clock: the pacer's waits advance the clock,
// so every start time is exact and nothing sleeps.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { ChatGaps, Pacer } from '../../src/delivery/rate-limit';

function manualPacer(perSecond: number) {
  const clock = fixedClock(new Date(0));
  const now = () => clock.now().getTime();
  const pacer = new Pacer(perSecond, async (ms) => clock.advance(ms), now);
  return { clock, now, pacer };
}

describe('pacer', () => {
  it('starts a send a second after the one `perSecond` places back finished, and half an interval after the last', async () => {
    const { now, pacer } = manualPacer(2);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const finished = await pacer.acquire();
      starts.push(now());
      finished();
    }
    expect(starts).toEqual([0, 250, 1005, 1255, 2010]);
  });

  it('counts from when a slow send finished, not from when it started', async () => {
    const { clock, now, pacer } = manualPacer(1);
    const first = await pacer.acquire();
    clock.advance(3_000);
    first();
    await pacer.acquire();
    expect(now()).toBe(4_005);
  });

  it('holds the next sender while the send `perSecond` places back has not finished', async () => {
    const { clock, now, pacer } = manualPacer(1);
    const first = await pacer.acquire();
    let second = false;
    const next = pacer.acquire().then(() => { second = true; });
    await Promise.resolve();
    await Promise.resolve();
    expect(second).toBe(false);
    clock.advance(200);
    first();
    await next;
    expect(now()).toBe(1_205);
  });

  it('waits in whole milliseconds', async () => {
    const { now, pacer } = manualPacer(3);
    (await pacer.acquire())();
    (await pacer.acquire())();
    expect(now()).toBe(167);
  });

  it('takes only a positive whole rate', () => {
    expect(() => new Pacer(0)).toThrow(RangeError);
    expect(() => new Pacer(1.5)).toThrow('delivery: rate must be a positive whole number');
  });
});

describe('chat gaps', () => {
  it('lets a chat receive again a gap after its last message, or after a block, whichever is later', () => {
    const gaps = new ChatGaps(1_000);
    expect(gaps.readyAt('telegram:1')).toBe(0);
    gaps.sent('telegram:1', 5_000);
    expect(gaps.readyAt('telegram:1')).toBe(6_000);
    gaps.block('telegram:1', 30_000);
    expect(gaps.readyAt('telegram:1')).toBe(30_000);
    gaps.block('telegram:1', 10_000);
    expect(gaps.readyAt('telegram:1')).toBe(30_000);
    expect(gaps.readyAt('telegram:2')).toBe(0);
  });
});
