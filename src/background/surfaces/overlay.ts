// The break over the page the user is looking at: the overlay script injected into the active tab, asked whether it really shows.

import { OVERLAY_SCRIPT } from '../../core/extension-paths';
import { isOverlayStatus, type OverlayStatus } from '../../core/overlay-protocol';
import { browser, ignoreFailure } from '../../platform/browser';
import { pause } from '../pause';
import { breakPageQuery, type BreakSurface } from './surface';

export const overlaySurface: BreakSurface = {
  kind: 'overlay',

  async show(breakId, where, snapshot, token) {
    if (where.kind !== 'browser' || where.tabId === null) return null;
    if ((await showOverlay(where.tabId, breakId, breakPageQuery(snapshot, token))) !== 'shown') return null;
    return { breakId, surface: 'overlay', tabId: where.tabId, ...(where.window?.id !== undefined ? { windowId: where.window.id } : {}), token };
  },

  async keeps(current, breakId, where, snapshot) {
    // Anywhere but the overlay's own tab, the break moves to where the user is.
    if (where.kind !== 'browser' || where.tabId === null || where.tabId !== current.tabId) return 'replace';
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
