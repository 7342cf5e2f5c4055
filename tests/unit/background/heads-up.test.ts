// The heads-up's "I'm in a call (1 h)" button (Chrome): it holds the coming break as the popup's "I'm in a call" does, and its listener is there only while the heads-up is.
import { describe, expect, it, vi } from 'vitest';
import type { Timing } from '../../../src/core/rules/timing';
import { fakeBrowser, freshBackground as freshBrowserAndBackground, type BrowserOptions } from '../../support/fake-background';

const HEADS_UP = 'unhunch:heads-up';
const HOUR_MS = 60 * 60_000;
const TIMING = { breakMs: 120_000 } as Timing;

const freshBackground = (options: BrowserOptions = {}) => freshBrowserAndBackground(['headsUp', 'scheduler', 'requests'], options);

function notifications(): Record<string, Record<string, unknown>> {
  return (fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, Record<string, unknown>> }).getAllCreateOptions();
}

async function storedCall(): Promise<{ callManual: boolean; callManualUntil: number | null }> {
  const { schedule } = (await fakeBrowser.storage.local.get('schedule')) as { schedule: { callManual: boolean; callManualUntil: number | null } };
  return { callManual: schedule.callManual, callManualUntil: schedule.callManualUntil };
}

const listensForButtons = () => fakeBrowser.notifications.onButtonClicked.hasListeners();

describe("the heads-up's call button", () => {
  it('Chrome: the heads-up offers "I\'m in a call (1 h)"; clicking it holds breaks for an hour, exactly as the popup does, and nothing listens afterwards', async () => {
    const { headsUp, scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'timing:changed' });
    expect(listensForButtons()).toBe(false);
    await headsUp.notifyHeadsUp(30_000, TIMING);
    expect(notifications()[HEADS_UP]!.buttons).toEqual([{ title: 'headsUpButtonCall' }]);
    expect(listensForButtons()).toBe(true);

    const before = Date.now();
    await fakeBrowser.notifications.onButtonClicked.trigger(HEADS_UP, 0);
    await vi.waitFor(() => expect(listensForButtons()).toBe(false));
    const held = await storedCall();
    expect(held.callManual).toBe(true);
    expect(held.callManualUntil).toBeGreaterThanOrEqual(before + HOUR_MS);
    expect(held.callManualUntil).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    expect(notifications()).toEqual({});

    // The popup's "I'm in a call" → "For 1 hour" on a fresh background leaves the same state.
    const popup = await freshBackground();
    await popup.scheduler.dispatch({ type: 'timing:changed' });
    const asked = Date.now();
    await popup.requests.handleMessage({ type: 'call', minutes: 60 }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/pages/popup/index.html') });
    const fromPopup = await storedCall();
    expect(fromPopup.callManual).toBe(true);
    expect(fromPopup.callManualUntil! - asked).toBeGreaterThanOrEqual(HOUR_MS);
    expect(fromPopup.callManualUntil! - asked).toBeLessThanOrEqual(held.callManualUntil! - before + 1_000);
  });

  it('a click on another button or notification does nothing', async () => {
    const { headsUp, scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'timing:changed' });
    await headsUp.notifyHeadsUp(30_000, TIMING);
    await fakeBrowser.notifications.onButtonClicked.trigger('unhunch:break', 0);
    await fakeBrowser.notifications.onButtonClicked.trigger(HEADS_UP, 1);
    await scheduler.inQueue(async () => undefined);
    expect((await storedCall()).callManual).toBe(false);
    expect(listensForButtons()).toBe(true);
  });

  it('the break showing clears the heads-up and its listener', async () => {
    const { headsUp, scheduler } = await freshBackground();
    await headsUp.notifyHeadsUp(30_000, TIMING);
    expect(listensForButtons()).toBe(true);
    await scheduler.dispatch({ type: 'user:break-now' });
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('presentation')).presentation).toMatchObject({ surface: 'overlay' }));
    expect(notifications()[HEADS_UP]).toBeUndefined();
    expect(listensForButtons()).toBe(false);
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
  });

  it('Firefox (no buttons): the heads-up stays as it was and adds no listener', async () => {
    const { headsUp } = await freshBackground({ refuseNotifications: 'with-buttons' });
    await headsUp.notifyHeadsUp(30_000, TIMING);
    expect(notifications()[HEADS_UP]).toMatchObject({ title: 'headsUpTitle' });
    expect(notifications()[HEADS_UP]!.buttons).toBeUndefined();
    expect(listensForButtons()).toBe(false);
  });

  it('a restarted service worker keeps the listener only while its heads-up is still on screen', async () => {
    for (const onScreen of [true, false]) {
      const { headsUp, scheduler } = await freshBackground();
      if (onScreen) await fakeBrowser.notifications.create(HEADS_UP, { type: 'basic', iconUrl: 'icon.png', title: 'headsUpTitle', message: 'm' });
      headsUp.registerHeadsUpListener();
      expect(listensForButtons()).toBe(true);
      await scheduler.inQueue(async () => undefined);
      expect(listensForButtons()).toBe(onScreen);
    }
  });

  it('an event page (Firefox) adds it at start-up only when its hint says the heads-up has the button', async () => {
    for (const hinted of ['1', '0', undefined]) {
      const hint = new Map<string, string>(hinted === undefined ? [] : [['headsUpButton', hinted]]);
      const { headsUp } = await freshBackground({ eventPageHints: hint });
      headsUp.registerHeadsUpListener();
      expect(listensForButtons()).toBe(hinted === '1');
    }
  });
});
