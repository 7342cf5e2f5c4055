// Shows the pending break on exactly one surface — overlay over the active tab, else a popup window, else (browser not focused) a notification — and takes it away.

import type { Notifications, Windows } from 'webextension-polyfill';
import { browser, ignoreFailure, pause } from './browser';
import { basicNotification, BREAK_NOTIFICATION, HEADS_UP_NOTIFICATION } from './notifications';
import overlayScript from '../content/overlay?iife';
import type { Broadcast } from '../core/messages';
import { canSnooze, type BreakOutcome } from '../core/schedule';
import { minutesShown } from '../core/timing';
import { hintQuery, promptView } from '../pages/break/prompt-view';
import { t } from './i18n';
import { loadSnapshot, sameSurface, savePresentation, type Presentation, type Snapshot } from './storage';

const BREAK_PAGE = 'src/pages/break/index.html';
const WINDOW_SIZE = { width: 520, height: 680 };
/** A tab that is closing or navigating refuses scripts for a moment; look again after this. */
const SETTLE_MS = 250;

/** What the overlay script reports after `show(breakId)`. */
export type OverlayStatus = 'shown' | 'hidden' | 'gave-up' | 'missing';
const OVERLAY_STATUSES: ReadonlySet<unknown> = new Set<OverlayStatus>(['shown', 'hidden', 'gave-up', 'missing']);

function isOverlayStatus(value: unknown): value is OverlayStatus {
  return OVERLAY_STATUSES.has(value);
}

/** Where the user is: in another program, or in a browser window (with its active tab if it has tabs). */
type Whereabouts = { kind: 'away'; anchor: Windows.Window | null } | { kind: 'browser'; window: Windows.Window; tabId: number | null };

/**
 * Shows the break where the user is, keeping a surface that still works and removing any other.
 * `previous` is the scheduler's copy; what storage says now wins (another event may have moved it).
 */
export async function presentBreak(breakId: number, previous: Presentation | null): Promise<void> {
  const snapshot = await loadSnapshot(Date.now());
  const current = snapshot.presentation ?? previous;
  let where = await findUser();
  if (current?.breakId === breakId && (await keepsShowing(current, where))) return;

  if (current?.surface === 'overlay' && where.kind === 'browser' && where.tabId === current.tabId && where.tabId !== null) {
    const status = await showOverlay(where.tabId, breakId, breakPageQuery(snapshot));
    if (status === 'shown') {
      await savePresentation({ ...current, breakId });
      return;
    }
    // The overlay's own tab refuses scripts while it closes or navigates: wait for where the user lands.
    if (status === 'unavailable' || status === 'missing') {
      await pause(SETTLE_MS);
      where = await findUser();
    }
  }
  await replaceSurface(current, await show(breakId, where, snapshot));
}

/** Opens (or focuses) the break window, closing any other surface: a click on the notification. */
export async function presentBreakInWindow(breakId: number): Promise<void> {
  const { presentation } = await loadSnapshot(Date.now());
  if (presentation?.breakId === breakId && presentation.surface === 'window' && (await windowExists(presentation.windowId))) {
    await browser.windows.update(presentation.windowId!, { focused: true }).catch(ignoreFailure);
    return;
  }
  const window = await openBreakWindow(await lastFocusedWindow());
  await replaceSurface(presentation, inWindow(breakId, window));
}

/** Records where the break shows now, then takes down the surface it showed on before, if that was another. */
async function replaceSurface(current: Presentation | null, next: Presentation): Promise<void> {
  await savePresentation(next);
  if (current && !sameSurface(current, next)) await takeDown(current);
}

/** Tells every surface the break is over; each closes itself unless it shows the Done screen. */
export async function dismissBreak(breakId: number, outcome: BreakOutcome, presentation: Presentation | null): Promise<void> {
  const message: Broadcast = { type: 'break:resolved', breakId, outcome };
  // Rejects when no page is listening, which is fine: then there is nothing to close.
  await browser.runtime.sendMessage(message).catch(ignoreFailure);
  const current = (await loadSnapshot(Date.now())).presentation ?? presentation;
  if (current?.breakId === breakId) {
    // A completed break keeps its surface: it shows the Done screen until the user closes it.
    if (outcome !== 'completed') await takeDown(current);
    await savePresentation(null);
  }
  await browser.notifications.clear(BREAK_NOTIFICATION).catch(ignoreFailure);
  await browser.notifications.clear(HEADS_UP_NOTIFICATION).catch(ignoreFailure);
}

async function findUser(): Promise<Whereabouts> {
  const window = await lastFocusedWindow();
  if (!window || window.id === undefined || window.focused === false) return { kind: 'away', anchor: window };
  if (window.type !== undefined && window.type !== 'normal') return { kind: 'browser', window, tabId: null };
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id }).catch(() => []);
  return { kind: 'browser', window, tabId: tab?.id ?? null };
}

/** Whether the surface already showing this break is still the right one (a window is brought forward). */
async function keepsShowing(current: Presentation, where: Whereabouts): Promise<boolean> {
  switch (current.surface) {
    case 'window':
      if (!(await windowExists(current.windowId))) return false;
      if (where.kind === 'browser') await browser.windows.update(current.windowId!, { focused: true }).catch(ignoreFailure);
      return true;
    case 'notification':
      return where.kind === 'away';
    case 'overlay':
      // show() re-checks an overlay in the same tab; anywhere else it moves.
      return false;
  }
}

async function show(breakId: number, where: Whereabouts, snapshot: Snapshot): Promise<Presentation> {
  if (where.kind === 'away' && (await showNotification(snapshot))) return { breakId, surface: 'notification' };
  if (where.kind === 'browser' && where.tabId !== null && (await showOverlay(where.tabId, breakId, breakPageQuery(snapshot))) === 'shown') {
    return { breakId, surface: 'overlay', tabId: where.tabId, ...(where.window.id !== undefined ? { windowId: where.window.id } : {}) };
  }
  const window = await openBreakWindow(where.kind === 'away' ? where.anchor : where.window, breakPageQuery(snapshot));
  return inWindow(breakId, window);
}

/** The break in a window (without its id if the window could not be opened: nothing then to close). */
function inWindow(breakId: number, window: Windows.Window | null): Presentation {
  return { breakId, surface: 'window', ...(window?.id !== undefined ? { windowId: window.id } : {}) };
}

/** What the break page can paint before it hears from us: the prompt as this snapshot has it, and the preferences it shows with. */
function breakPageQuery({ state, timing, settings }: Snapshot): string {
  const prompt = promptView(state, timing);
  const { sound, voice, theme } = settings;
  return prompt ? hintQuery({ prompt, preferences: { sound, voice, theme } }) : '';
}

/** Injects the overlay and asks whether it really shows; without host access or on browser pages the injection throws. */
async function showOverlay(tabId: number, breakId: number, pageQuery: string): Promise<OverlayStatus | 'unavailable'> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [overlayScript] });
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: (id: number, query: string) => globalThis.__unhunchOverlayApi?.show(id, query) ?? 'missing',
      args: [breakId, pageQuery],
    });
    const status: unknown = injection?.result;
    return isOverlayStatus(status) ? status : 'missing';
  } catch {
    return 'unavailable';
  }
}

async function showNotification({ state, timing }: Snapshot): Promise<boolean> {
  const basic = basicNotification(t('breakNotificationTitle', [String(minutesShown(timing.breakMs))]), t('breakNotificationMessage'));
  const buttons = [{ title: t('buttonStart') }];
  if (canSnooze(state, timing)) buttons.push({ title: t('buttonSnooze', [String(minutesShown(timing.snoozeMs))]) });
  // Chrome's options; the polyfill's types follow Firefox, which has neither.
  const withButtons: Notifications.CreateNotificationOptions & { buttons: { title: string }[]; requireInteraction: boolean } = {
    ...basic,
    buttons,
    requireInteraction: true,
  };
  try {
    await browser.notifications.create(BREAK_NOTIFICATION, withButtons);
    return true;
  } catch {
    // Firefox rejects `buttons` (and older versions `requireInteraction`): the plain one still works.
  }
  try {
    await browser.notifications.create(BREAK_NOTIFICATION, basic);
    return true;
  } catch {
    return false;
  }
}

async function openBreakWindow(anchor: Windows.Window | null, pageQuery = ''): Promise<Windows.Window | null> {
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

async function takeDown(presentation: Presentation): Promise<void> {
  switch (presentation.surface) {
    case 'window':
      await closeWindow(presentation.windowId);
      return;
    case 'overlay':
      if (presentation.tabId === undefined) return;
      await browser.scripting
        .executeScript({ target: { tabId: presentation.tabId }, func: () => globalThis.__unhunchOverlayApi?.close() })
        .catch(ignoreFailure);
      return;
    case 'notification':
      await browser.notifications.clear(BREAK_NOTIFICATION).catch(ignoreFailure);
      return;
  }
}

async function closeWindow(windowId: number | undefined): Promise<void> {
  if (windowId !== undefined) await browser.windows.remove(windowId).catch(ignoreFailure);
}

/** The browser window the user was last in; null when there is none (or the browser can't say). */
export function lastFocusedWindow(): Promise<Windows.Window | null> {
  return browser.windows.getLastFocused().catch(() => null);
}

export function windowExists(windowId: number | undefined): Promise<boolean> {
  if (windowId === undefined) return Promise.resolve(false);
  return browser.windows.get(windowId).then(
    () => true,
    () => false,
  );
}
