// The break over the page the user is looking at: the overlay script injected into the active tab, asked whether it really shows.

import { OVERLAY_SCRIPT } from '../../core/extension-paths';
import type { Presentation } from '../../core/presentation';
import { isOverlayStatus, type OverlayStatus } from '../../core/overlay-protocol';
import { browser, ignoreFailure } from '../../platform/browser';
import { pause } from '../pause';
import { breakPageQuery, type BreakSurface } from './surface';

export const overlaySurface: BreakSurface = {
  kind: 'overlay',

  async show(breakId, where, snapshot, token) {
    if (where.kind !== 'browser' || where.tabId === null || isRefused(where.tabId, breakId)) return null;
    if ((await showOverlay(where.tabId, breakId, breakPageQuery(snapshot, token))) !== 'shown') return null;
    return { breakId, surface: 'overlay', tabId: where.tabId, ...(where.window.id !== undefined ? { windowId: where.window.id } : {}), token };
  },

  async keeps(current, breakId, where, snapshot) {
    // Anywhere but the overlay's own tab, the break moves to where the user is.
    if (where.kind !== 'browser' || where.tabId === null || where.tabId !== current.tabId) return 'replace';
    if (isRefused(where.tabId, breakId)) return 'replace';
    const status = await showOverlay(where.tabId, breakId, breakPageQuery(snapshot, current.token));
    if (status === 'shown') return 'keep';
    // The tab refuses scripts while it closes or navigates: wait for where the user lands.
    return status === 'unavailable' || status === 'missing' ? 'look-again' : 'replace';
  },

  async takeDown(current) {
    if (current.tabId === undefined) return;
    // A busy tab takes it down once it is free; nothing waits for that.
    await withinTimeout(browser.scripting.executeScript({ target: { tabId: current.tabId }, func: () => globalThis.__unhunchOverlayApi?.close() })).catch(ignoreFailure);
  },

  exists(current) {
    if (current.tabId === undefined) return Promise.resolve(false);
    return browser.tabs.get(current.tabId).then(
      () => true,
      () => false,
    );
  },
};

/**
 * Tabs where a break gave no proof that it shows (its page never connected): that break is not
 * offered there again. Kept in memory only; the overlay script in the tab's document remembers it
 * too (`giveUp`), so a restarted background asking that document again hears 'gave-up'.
 */
let refused: { breakId: number; tabIds: Set<number> } = { breakId: -1, tabIds: new Set() };

function isRefused(tabId: number, breakId: number): boolean {
  return refused.breakId === breakId && refused.tabIds.has(tabId);
}

/**
 * The overlay in `current`'s tab never proved it shows: take it down at once (the tab is usable
 * again) and offer this break no overlay in that tab again.
 */
export async function refuseOverlay(current: Presentation): Promise<void> {
  if (current.surface !== 'overlay' || current.tabId === undefined) return;
  if (refused.breakId !== current.breakId) refused = { breakId: current.breakId, tabIds: new Set() };
  refused.tabIds.add(current.tabId);
  const { tabId } = current;
  await withinTimeout(
    browser.scripting.executeScript({ target: { tabId }, func: (breakId: number) => globalThis.__unhunchOverlayApi?.giveUp(breakId), args: [current.breakId] }),
  ).catch(ignoreFailure);
}

/**
 * A page busy in a long script runs no injected one until it is done, and the injection would hold
 * up everything the background does meanwhile; after this long the break goes to its window. (If
 * the overlay then shows after all, its page is told the break lives elsewhere and leaves.)
 */
const INJECTION_TIMEOUT_MS = 1_500;

/** Injects the overlay and asks whether it really shows; without host access or on browser pages the injection throws. */
async function showOverlay(tabId: number, breakId: number, pageQuery: string): Promise<OverlayStatus | 'unavailable' | 'busy'> {
  try {
    const injected = await withinTimeout(browser.scripting.executeScript({ target: { tabId }, files: [OVERLAY_SCRIPT] }));
    if (injected === 'busy') return 'busy';
    const shown = await withinTimeout(
      browser.scripting.executeScript({
        target: { tabId },
        func: (id: number, query: string) => globalThis.__unhunchOverlayApi?.show(id, query) ?? 'missing',
        args: [breakId, pageQuery],
      }),
    );
    if (shown === 'busy') return 'busy';
    const status: unknown = shown[0]?.result;
    return isOverlayStatus(status) ? status : 'missing';
  } catch {
    return 'unavailable';
  }
}

function withinTimeout<T>(injection: Promise<T>): Promise<T | 'busy'> {
  return Promise.race([injection, pause(INJECTION_TIMEOUT_MS).then(() => 'busy' as const)]);
}
