// While the person is away, an event page (Firefox) keeps itself loaded by asking the idle state more often than Firefox would suspend it; a service worker (Chrome) does nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addedApis, freshBackground } from '../../support/fake-background';

const queries: number[] = [];
let idleNow: 'active' | 'idle' = 'idle';

async function load(asEventPage: boolean) {
  const { away } = await freshBackground(['away'], { eventPageHints: asEventPage ? new Map() : undefined });
  addedApis().idle.queryState = async (seconds) => {
    queries.push(seconds);
    return idleNow;
  };
  return away;
}

describe('staying loaded while away', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    queries.length = 0;
    idleNow = 'idle';
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('an event page asks the idle state every 20 s while the person is away: below Firefox suspend timeout of 30 s', async () => {
    const { stayLoadedWhileAway, AWAY_TICK_MS } = await load(true);
    const comeBack = vi.fn();
    stayLoadedWhileAway('idle', 60, comeBack);
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS * 3);
    expect(AWAY_TICK_MS).toBeLessThan(30_000);
    expect(queries).toEqual([60, 60, 60]);
    expect(comeBack).not.toHaveBeenCalled();
  });

  it('stops as soon as the person is back, and asks nothing while they are present', async () => {
    const { stayLoadedWhileAway, AWAY_TICK_MS } = await load(true);
    stayLoadedWhileAway('active', 60, vi.fn());
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS * 2);
    expect(queries).toEqual([]);
    stayLoadedWhileAway('idle', 60, vi.fn());
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS);
    stayLoadedWhileAway('active', 60, vi.fn());
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS * 3);
    expect(queries).toHaveLength(1);
  });

  it('reports a return that came without an `active` event, once', async () => {
    const { stayLoadedWhileAway, AWAY_TICK_MS } = await load(true);
    const comeBack = vi.fn();
    stayLoadedWhileAway('idle', 60, comeBack);
    idleNow = 'active';
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS * 3);
    expect(comeBack).toHaveBeenCalledTimes(1);
  });

  it('keeps one tick however many steps report the person away', async () => {
    const { stayLoadedWhileAway, AWAY_TICK_MS } = await load(true);
    for (let i = 0; i < 5; i++) stayLoadedWhileAway('idle', 60, vi.fn());
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS);
    expect(queries).toHaveLength(1);
  });

  it('a service worker (Chrome) does nothing: it is woken without losing its idle registration', async () => {
    const { stayLoadedWhileAway, AWAY_TICK_MS } = await load(false);
    stayLoadedWhileAway('idle', 60, vi.fn());
    await vi.advanceTimersByTimeAsync(AWAY_TICK_MS * 3);
    expect(queries).toEqual([]);
  });
});
