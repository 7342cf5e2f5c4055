// The first start of the background in a browser session: a browser start (the time it was closed does not count), unless the extension was only updated or reloaded.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initialScheduleState } from '../../../src/core/rules/schedule';
import { fakeBrowser, loadBackground, resetBrowser, type BackgroundModules } from '../../support/fake-background';

const MIN = 60_000;

/**
 * A browser running version 1.2.0 whose stored cycle has counted for ten minutes, last looked at 8
 * minutes ago (its next alarm still to come): past the natural-break threshold if the browser was
 * closed since, plain work if not. `version`: the manifest's now (a newer one: an update).
 */
async function storeTenMinutesOfWork(now: number, version = '1.2.0') {
  resetBrowser({ version });
  const state = { ...initialScheduleState(now - 10 * MIN), alarmAt: now + 20 * MIN, lastSeenAt: now - 8 * MIN };
  await fakeBrowser.storage.local.set({ schedule: state, runningVersion: '1.2.0' });
}

async function start(): Promise<BackgroundModules['scheduler']> {
  const { scheduler } = await loadBackground('scheduler');
  scheduler.startWorker();
  return scheduler;
}

async function afterStart(scheduler: Awaited<ReturnType<typeof start>>) {
  await scheduler.inQueue(async () => undefined);
  const { schedule, history } = (await fakeBrowser.storage.local.get(['schedule', 'history'])) as {
    schedule: { settledAt: number; cycleActiveMs: number; awaySince: number | null };
    history?: Record<string, { natural: number }>;
  };
  const natural = Object.values(history ?? {}).reduce((sum, day) => sum + day.natural, 0);
  return { cycleActiveMs: schedule.cycleActiveMs, natural };
}

describe('the first start in a browser session', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('after an update (a new version) keeps the cycle: nothing was closed', async () => {
    await storeTenMinutesOfWork(Date.now(), '1.3.0');
    const { cycleActiveMs, natural } = await afterStart(await start());
    expect(cycleActiveMs).toBeGreaterThanOrEqual(10 * MIN - 100);
    expect(natural).toBe(0);
    expect((await fakeBrowser.storage.local.get('runningVersion')).runningVersion).toBe('1.3.0');
  });

  it('after a reload of the same version (runtime.onInstalled) keeps the cycle', async () => {
    await storeTenMinutesOfWork(Date.now());
    const scheduler = await start();
    scheduler.noteWhyStarted('updated');
    const { cycleActiveMs, natural } = await afterStart(scheduler);
    expect(cycleActiveMs).toBeGreaterThanOrEqual(10 * MIN - 100);
    expect(natural).toBe(0);
  });

  it('after a browser start (runtime.onStartup) the closed time is a natural break', async () => {
    await storeTenMinutesOfWork(Date.now());
    const scheduler = await start();
    scheduler.noteWhyStarted('browser-started');
    const { cycleActiveMs, natural } = await afterStart(scheduler);
    expect(natural).toBe(1);
    expect(cycleActiveMs).toBeLessThan(MIN);
  });

  it('an update applied as the browser starts (a new version, and runtime.onStartup) is a browser start', async () => {
    await storeTenMinutesOfWork(Date.now(), '1.3.0');
    const scheduler = await start();
    scheduler.noteWhyStarted('updated');
    scheduler.noteWhyStarted('browser-started');
    const { natural } = await afterStart(scheduler);
    expect(natural).toBe(1);
  });

  it('a start of the same version that hears neither is taken for a browser start', async () => {
    await storeTenMinutesOfWork(Date.now());
    const { natural } = await afterStart(await start());
    expect(natural).toBe(1);
  });

  it('a later start in the same session is the worker coming back, whatever it hears', async () => {
    await storeTenMinutesOfWork(Date.now());
    await fakeBrowser.storage.session.set({ browserSessionSeen: true });
    const scheduler = await start();
    scheduler.noteWhyStarted('browser-started');
    const { cycleActiveMs, natural } = await afterStart(scheduler);
    expect(cycleActiveMs).toBeGreaterThanOrEqual(10 * MIN - 100);
    expect(natural).toBe(0);
  });
});
