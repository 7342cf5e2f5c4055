// The break over the page the user is looking at: the overlay script injected into the active tab, asked whether it really shows.

import { OVERLAY_SCRIPT, OVERLAY_USER_STYLES } from '../../core/contracts/extension-paths';
import type { Presentation } from '../../core/rules/presentation';
import { isOverlayStatus, type OverlayStatus } from '../../core/contracts/overlay-protocol';
import { browser, ignoreFailure } from '../../platform/browser';
import { pause } from '../pause';
import { breakPageQuery, type BreakSurface } from './surface';

export const overlaySurface: BreakSurface = {
  kind: 'overlay',

  async show(breakId, where, snapshot, token) {
    if (where.kind !== 'browser' || where.tabId === null || isRefused(where.tabId, breakId)) return null;
    if ((await showOverlay(where.tabId, breakId, breakPageQuery(snapshot, token))) !== 'shown') return null;
    return { breakId, surface: 'overlay', tabId: where.tabId, ...(where.window?.id !== undefined ? { windowId: where.window.id } : {}), token };
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
    await userStyles(current.tabId, 'removeCSS');
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
 * `breakId/tabId` of tabs where a break gave no proof that it shows: that break is not offered there
 * again. In memory only; the overlay script in the tab's document remembers it too (`giveUpIfSilent`),
 * so a restarted background asking that document again hears 'gave-up'.
 */
const refused = new Set<string>();
const isRefused = (tabId: number, breakId: number) => refused.has(`${breakId}/${tabId}`);

/**
 * The overlay in `current`'s tab never proved it shows (its page did not connect): unless the tab
 * shows it in a page too young to have connected yet (it navigated), the overlay is taken down at
 * once (the tab is usable again) and this break is not offered there again. Whether it was.
 */
export async function refuseOverlay({ surface, tabId, breakId }: Presentation, silentForMs: number): Promise<boolean> {
  if (surface !== 'overlay' || tabId === undefined) return false;
  const answer = await withinTimeout(
    browser.scripting.executeScript({
      target: { tabId },
      func: (id: number, ms: number) => globalThis.__unhunchOverlayApi?.giveUpIfSilent(id, ms) ?? false,
      args: [breakId, silentForMs],
    }),
  ).catch(ignoreFailure);
  if (typeof answer !== 'object' || answer[0]?.result !== true) return false;
  refused.add(`${breakId}/${tabId}`);
  await userStyles(tabId, 'removeCSS');
  return true;
}

/**
 * The user-origin stylesheet that keeps the page's styles from hiding the host (public/overlay-user.css),
 * in the tab's top document: inserted before the overlay shows (so that it shows over a page that
 * hides its own <html>) and again in each new page of the tab, removed with the overlay; inert
 * wherever the host is gone. Without it the proof of sight still holds (such a page loses the overlay).
 */
function userStyles(tabId: number, change: 'insertCSS' | 'removeCSS'): Promise<unknown> {
  return withinTimeout(Promise.resolve().then(() => browser.scripting[change]({ target: { tabId }, files: [OVERLAY_USER_STYLES], origin: 'USER' }))).catch(ignoreFailure);
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
    if ((await userStyles(tabId, 'insertCSS')) === 'busy') return 'busy';
    const shown = await withinTimeout(
      browser.scripting.executeScript({
        target: { tabId },
        func: (id: number, query: string) => globalThis.__unhunchOverlayApi?.show(id, query) ?? 'missing',
        args: [breakId, pageQuery],
      }),
    );
    if (shown === 'busy') return 'busy';
    const status: unknown = shown[0]?.result;
    if (status !== 'shown') await userStyles(tabId, 'removeCSS');
    return isOverlayStatus(status) ? status : 'missing';
  } catch {
    return 'unavailable';
  }
}

function withinTimeout<T>(injection: Promise<T>): Promise<T | 'busy'> {
  return Promise.race([injection, pause(INJECTION_TIMEOUT_MS).then(() => 'busy' as const)]);
}
