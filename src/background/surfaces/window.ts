// The break in its own small window: where the overlay can't go or can't be seen, and the last resort when nothing else shows.

import type { Windows } from 'webextension-polyfill';
import { BREAK_PAGE } from '../../core/contracts/extension-paths';
import type { Presentation } from '../../core/rules/presentation';
import { browser, ignoreFailure } from '../../platform/browser';
import { breakPageQuery, type BreakSurface } from './surface';

const WINDOW_SIZE = { width: 520, height: 680 };

export const windowSurface: BreakSurface = {
  kind: 'window',

  // Never null: a window that could not be opened is recorded without its id (nothing then to close).
  async show(breakId, where, snapshot, token) {
    const window = await openBreakWindow(where.kind === 'away' ? where.anchor : where.window, breakPageQuery(snapshot, token));
    return { breakId, surface: 'window', ...(window?.id !== undefined ? { windowId: window.id } : {}), token } satisfies Presentation;
  },

  async keeps(current, breakId, where) {
    if (current.breakId !== breakId || !(await windowExists(current.windowId))) return 'replace';
    // Brought forward when the user is in the browser; left where it is while they are in another program.
    if (where.kind === 'browser') await browser.windows.update(current.windowId!, { focused: true }).catch(ignoreFailure);
    return 'keep';
  },

  async takeDown(current) {
    if (current.windowId !== undefined) await browser.windows.remove(current.windowId).catch(ignoreFailure);
  },

  exists: (current) => windowExists(current.windowId),
};

function windowExists(windowId: number | undefined): Promise<boolean> {
  if (windowId === undefined) return Promise.resolve(false);
  return browser.windows.get(windowId).then(
    () => true,
    () => false,
  );
}

/** A popup window centred over `anchor` (the window the user was last in), showing the break page. */
async function openBreakWindow(anchor: Windows.Window | null, pageQuery: string): Promise<Windows.Window | null> {
  const position =
    anchor?.left !== undefined && anchor.top !== undefined && anchor.width !== undefined && anchor.height !== undefined
      ? {
          left: Math.max(0, Math.round(anchor.left + (anchor.width - WINDOW_SIZE.width) / 2)),
          top: Math.max(0, Math.round(anchor.top + (anchor.height - WINDOW_SIZE.height) / 2)),
        }
      : {};
  return browser.windows
    .create({ url: browser.runtime.getURL(`${BREAK_PAGE}?surface=window${pageQuery ? `&${pageQuery}` : ''}`), type: 'popup', focused: true, ...WINDOW_SIZE, ...position })
    .catch(() => null);
}
