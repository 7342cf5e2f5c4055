// Shows the pending break to the user (overlay over the active tab, else a popup window) and takes it away.

import browser from 'webextension-polyfill';
import overlayScript from '../content/overlay?iife';
import type { Broadcast } from '../core/messages';
import type { BreakOutcome } from '../core/schedule';
import { savePresentation, type Presentation } from './storage';

const BREAK_PAGE = 'src/pages/break/index.html';
const WINDOW_SIZE = { width: 520, height: 680 };

export async function presentBreak(breakId: number, previous: Presentation | null): Promise<void> {
  // One surface at a time: a window left from an earlier attempt goes before a new one opens.
  if (previous?.surface === 'window' && previous.windowId !== undefined) {
    if (previous.breakId === breakId && (await windowExists(previous.windowId))) {
      await browser.windows.update(previous.windowId, { focused: true }).catch(() => undefined);
      return;
    }
  }
  const overlay = await tryOverlay(breakId);
  if (overlay) {
    await savePresentation(overlay);
    return;
  }
  const window = await openBreakWindow();
  await savePresentation({ breakId, surface: 'window', ...(window?.id !== undefined ? { windowId: window.id } : {}) });
}

async function windowExists(windowId: number): Promise<boolean> {
  return browser.windows.get(windowId).then(
    () => true,
    () => false,
  );
}

/** Injects the overlay into the active tab of the last focused window; null where it can't go. */
async function tryOverlay(breakId: number): Promise<Presentation | null> {
  try {
    const window = await browser.windows.getLastFocused();
    if (window.type !== undefined && window.type !== 'normal') return null;
    if (window.id === undefined) return null;
    const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
    if (tab?.id === undefined) return null;
    // Without host access, or on browser pages (settings, new tab, stores, PDF viewer), this throws.
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [overlayScript] });
    return { breakId, surface: 'overlay', tabId: tab.id, windowId: window.id };
  } catch {
    return null;
  }
}

async function openBreakWindow() {
  const anchor = await browser.windows.getLastFocused().catch(() => null);
  const position =
    anchor?.left !== undefined && anchor.top !== undefined && anchor.width !== undefined && anchor.height !== undefined
      ? {
          left: Math.max(0, Math.round(anchor.left + (anchor.width - WINDOW_SIZE.width) / 2)),
          top: Math.max(0, Math.round(anchor.top + (anchor.height - WINDOW_SIZE.height) / 2)),
        }
      : {};
  return browser.windows
    .create({ url: browser.runtime.getURL(`${BREAK_PAGE}?surface=window`), type: 'popup', focused: true, ...WINDOW_SIZE, ...position })
    .catch(() => null);
}

/** Tells every surface the break is over; each closes itself unless it shows the Done screen. */
export async function dismissBreak(breakId: number, outcome: BreakOutcome, presentation: Presentation | null): Promise<void> {
  const message: Broadcast = { type: 'break:resolved', breakId, outcome };
  // Rejects when no page is listening, which is fine: then there is nothing to close.
  await browser.runtime.sendMessage(message).catch(() => undefined);
  if (presentation?.breakId === breakId) {
    if (presentation.surface === 'window' && presentation.windowId !== undefined && outcome !== 'completed') {
      await browser.windows.remove(presentation.windowId).catch(() => undefined);
    }
    await savePresentation(null);
  }
  await browser.notifications.clear(HEADS_UP_NOTIFICATION).catch(() => undefined);
}

export const HEADS_UP_NOTIFICATION = 'unhunch:heads-up';
