// Keeps the break on a live surface: follows a closed or navigated tab, answers the break notification, notices a closed break window.

import type { Runtime, Tabs } from 'webextension-polyfill';
import { browser } from './browser';
import { BREAK_NOTIFICATION, NOTIFICATION_BUTTON, presentBreak, presentBreakInWindow } from './present';
import { dispatch, inQueue } from './scheduler';
import { loadPresentation, loadSnapshot, type Presentation } from './storage';
import { isBreakId } from '../core/messages';
import { isPlainObject } from '../core/plain-object';

const WINDOW_ID_NONE = -1;

/** Sent by the overlay script when the page keeps removing or restyling the overlay. */
export interface OverlayLostMessage {
  type: 'overlay:lost';
  breakId: number;
}

/**
 * Registers the surface listeners; call once, synchronously, at the background's top level.
 *
 * Tab and focus events wake the worker, but only for things the user does (closing a tab,
 * loading a page, switching windows); each such wake is one storage read unless a break is on
 * that surface. Nothing here runs on a timer.
 */
export function registerSurfaceListeners(): void {
  browser.tabs.onRemoved.addListener((tabId: number) => {
    void followOverlay(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType) => {
    // A new document replaced the one the overlay was in (navigation, reload).
    if (change.status === 'loading' || change.status === 'complete') void followOverlay(tabId);
  });
  browser.windows.onFocusChanged.addListener((windowId: number) => {
    // Back from another program while the break waits in a notification: show it in the browser.
    if (windowId !== WINDOW_ID_NONE) void whilePending((p) => p.surface === 'notification', presentAgain);
  });
  browser.windows.onRemoved.addListener((windowId: number) => {
    void breakWindowClosed(windowId);
  });
  browser.notifications.onClicked.addListener((notificationId: string) => {
    if (notificationId === BREAK_NOTIFICATION) void whilePending(() => true, (p) => inQueue(() => presentBreakInWindow(p.breakId)));
  });
  browser.notifications.onButtonClicked.addListener((notificationId: string, buttonIndex: number) => {
    if (notificationId === BREAK_NOTIFICATION) void notificationButton(buttonIndex);
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const lost = parseOverlayLost(message, sender);
    if (lost) void overlayLost(lost.breakId, lost.tabId);
    return undefined;
  });
}

/** Runs `then` when a break is pending and the surface showing it matches `which`. */
async function whilePending(which: (presentation: Presentation) => boolean, then: (presentation: Presentation) => Promise<unknown>): Promise<void> {
  // Every page load and window switch lands here, nearly always with no break on screen: one
  // small read settles that, and the schedule, history and settings are read only for a break.
  const shown = await inQueue(loadPresentation);
  if (!shown || !which(shown)) return;
  const { state, presentation } = await inQueue(() => loadSnapshot(Date.now()));
  if (!presentation || !which(presentation)) return;
  if (state.mode.kind !== 'due' || state.mode.breakId !== presentation.breakId) return;
  await then(presentation);
}

/** Shows the break again where the user is now, its surface `presentation` being gone or in the wrong place. */
function presentAgain(presentation: Presentation): Promise<void> {
  return inQueue(() => presentBreak(presentation.breakId, presentation));
}

function followOverlay(tabId: number): Promise<void> {
  return whilePending(
    (p) => p.surface === 'overlay' && p.tabId === tabId,
    presentAgain,
  );
}

function breakWindowClosed(windowId: number): Promise<void> {
  // Closing the break window before answering counts as a snooze (PRODUCT.md).
  return whilePending(
    (p) => p.surface === 'window' && p.windowId === windowId,
    (p) => dispatch({ type: 'user:closed', breakId: p.breakId }),
  );
}

async function notificationButton(buttonIndex: number): Promise<void> {
  await whilePending(
    () => true,
    async ({ breakId }) => {
      if (buttonIndex === NOTIFICATION_BUTTON.snooze) {
        await dispatch({ type: 'user:snooze', breakId });
        return;
      }
      if (buttonIndex !== NOTIFICATION_BUTTON.start) return;
      // Started first, so the break window opens straight into the routine.
      await dispatch({ type: 'user:start', breakId });
      await inQueue(() => presentBreakInWindow(breakId));
    },
  );
}

function overlayLost(breakId: number, tabId: number): Promise<void> {
  return whilePending(
    (p) => p.breakId === breakId && p.surface === 'overlay' && p.tabId === tabId,
    presentAgain,
  );
}

/** Accepts only our own overlay script (a content script: our id, a tab, a web page URL), exactly one shape. */
function parseOverlayLost(raw: unknown, sender: Runtime.MessageSender): { breakId: number; tabId: number } | null {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''))) return null;
  if (!isPlainObject(raw)) return null;
  const m = raw;
  if (Object.keys(m).length !== 2 || m.type !== 'overlay:lost' || !isBreakId(m.breakId)) return null;
  return { breakId: m.breakId, tabId: sender.tab.id };
}
