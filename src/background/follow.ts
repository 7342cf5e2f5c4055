// Keeps the pending break on a live surface: follows a break page whose port went, answers the break notification, brings the break back from it into the browser.
//
// Between breaks nothing here may wake the background. A break page (overlay frame or break
// window) holds a port while it shows the break, so a closed tab or window, a navigation, a
// reload or an overlay the page removed is learnt from the port's going, not from tab and window
// events that would wake the background at every page load all day. Only the notification
// surface needs browser events (focus back in the browser, a click on the notification); those
// listeners are there only while the break waits in a notification.

import type { Runtime } from 'webextension-polyfill';
import { browser, ignoreFailure } from '../platform/browser';
import { pause } from './pause';
import { BREAK_NOTIFICATION, NOTIFICATION_BUTTON } from './notifications';
import { presentBreak, surfaceOf } from './present';
import { refuseOverlay } from './surfaces/overlay';
// A cycle with scheduler.ts, which calls followPresentation after every effect that moves the break (see there).
import { dispatch, inQueue } from './scheduler';
import { loadPresentation, loadSnapshot, type Snapshot } from './storage';
import { isShownBy, sameSurface, type AskedFrom, type Presentation, type SurfaceSender } from '../core/rules/presentation';
import { RETURN_HINT_KEY } from '../core/contracts/storage-keys';
import { ownPageOf, SURFACE_PORT, surfaceShowing, type SurfaceCommand } from '../core/contracts/messages';
import { BREAK_PAGE } from '../core/contracts/extension-paths';

const WINDOW_ID_NONE = -1;
/**
 * How long a surface may be without a port before the break moves: an overlay the page removed
 * once is put back by the overlay script and its frame connects again well within this; and it
 * outlasts a closing tab's settling (present.ts: TAB_SETTLE_MS), so the break then moves to the
 * tab that took its place.
 */
const PORTLESS_GRACE_MS = 300;
/**
 * How long a new surface's page has to connect. A break page connects as soon as it has loaded,
 * and again at once after the background was stopped under it; a surface with no port after this
 * long went before it could say so (a tab closed while the overlay was still loading, a page that
 * went while the background was down). A break page has painted within half a second of the alarm
 * at p95 even in a loaded bench run (README § Performance): three times that is room for a busier
 * machine.
 */
const CONNECT_GRACE_MS = 1_500;
/**
 * While a new surface's page has not connected, how often its tab or window is looked for: a
 * closed one would never connect. Often enough that a surface closed before its page connected
 * moves the break about as soon as one whose page let go of its port (PORTLESS_GRACE_MS); each
 * look is one `tabs.get` or `windows.get`.
 */
const CLOSED_CHECK_MS = 250;
/**
 * An overlay shown this long whose page never connected failed to load, and is given up; one
 * shown for less came with a later show (its tab went to another page meanwhile) and gets a grace
 * of its own. The overlay a grace was for is the whole grace old when asked: half of it tells the
 * two apart with room either way.
 */
const SILENT_OVERLAY_AGE_MS = CONNECT_GRACE_MS / 2;

/** A break page's open port: which break it shows with which token (its word), and where (the browser's sender facts). */
interface SurfacePort extends SurfaceSender {
  port: Runtime.Port;
  breakId: number | null;
}

const openPorts = new Set<SurfacePort>();

/**
 * Registers the surface listeners; call once, synchronously, at the background's top level.
 * `runtime.onConnect` is always there (only our break pages connect, and only during a break);
 * the notification listeners follow the stored presentation (see `listenForReturn`).
 */
export function registerSurfaceListeners(): void {
  browser.runtime.onConnect.addListener(onConnect);
  // Registered now, at the top level, if a break may be waiting in a notification: only a
  // listener added here receives the event that woke a stopped background.
  listenForReturn(eventPageHint(RETURN_HINT_KEY) ?? true);
  void inQueue(loadPresentation).then(followPresentation, () => undefined);
}

let followed: Presentation | null = null;

/**
 * Where the break shows changed (or is learnt at start-up): listen for what that surface needs.
 * Called in the queue by whoever changed it: the scheduler after an effect, `presentAgain` here.
 */
export function followPresentation(presentation: Presentation | null): void {
  const waiting = inNotification(presentation);
  listenForReturn(waiting);
  if (waiting) armRecheck();
  else if (inNotification(followed)) void browser.alarms.clear(NOTIFICATION_RECHECK_ALARM).catch(ignoreFailure);
  const moved = !followed || !presentation || !sameSurface(followed, presentation);
  followed = presentation;
  if (moved && (presentation?.surface === 'overlay' || presentation?.surface === 'window')) void expectPort(presentation);
}

// --- The notification surface: listeners only while the break waits there ---

function inNotification(presentation: Presentation | null): boolean {
  return presentation?.surface === 'notification';
}

const FROM_NOTIFICATION: AskedFrom = { kind: 'notification' };

/**
 * While the break waits in a notification, the background looks every few seconds whether a
 * browser window has the focus again: a window can get it back without a focus event (the toolbar
 * popup closing, some window managers). An alarm, so it survives a stopped background; it is
 * there only while the break waits in the notification. (A store install of Chrome fires alarms
 * no sooner than 30 s apart.)
 */
export const NOTIFICATION_RECHECK_ALARM = 'unhunch:notification-recheck';
const NOTIFICATION_RECHECK_MS = 3_000;

function armRecheck(): void {
  void browser.alarms.create(NOTIFICATION_RECHECK_ALARM, { when: Date.now() + NOTIFICATION_RECHECK_MS }).catch(ignoreFailure);
}

/** The recheck alarm fired: back in the browser, the break moves there; still away, look again later. */
export async function recheckNotification(): Promise<void> {
  if (inNotification(await presentAgain(inNotification))) armRecheck();
}

const onFocusChanged = (windowId: number) => {
  // Back from another program while the break waits in a notification: show it in the browser.
  if (windowId !== WINDOW_ID_NONE) void presentAgain(inNotification);
};
const onNotificationClicked = (notificationId: string) => {
  // The person asked for the break: it shows over the current tab of the window they were last in.
  if (notificationId === BREAK_NOTIFICATION) void presentAgain(() => true, FROM_NOTIFICATION);
};
const onNotificationButton = (notificationId: string, buttonIndex: number) => {
  if (notificationId === BREAK_NOTIFICATION) void notificationButton(buttonIndex);
};

let listeningForReturn = false;

/**
 * Adds or removes the listeners the notification surface needs. Removing one is what stops its
 * event from waking the background: Chrome then drops the worker's lazy registration. Firefox
 * keeps an event page's listener registered until a start-up in which it is not added, so the
 * event page decides at its top level, from a hint kept in its synchronous `localStorage`.
 */
function listenForReturn(on: boolean): void {
  eventPageHint(RETURN_HINT_KEY, on);
  if (on === listeningForReturn) return;
  listeningForReturn = on;
  const change = on ? 'addListener' : 'removeListener';
  browser.windows.onFocusChanged[change](onFocusChanged);
  browser.notifications.onClicked[change](onNotificationClicked);
  browser.notifications.onButtonClicked[change](onNotificationButton);
}

/**
 * Writes the event page's (Firefox's) synchronous hint under `key`, or reads it without `on` (this
 * one's and the heads-up button's, heads-up.ts). A service worker (Chrome) has no `localStorage`:
 * undefined, so the listeners are added at its top level and removed after its first read. An
 * event page with no hint yet is a fresh install, where no break can wait in a notification (nor
 * a heads-up be on screen): adding the listeners then would have Firefox wake the page for
 * them once more after its first suspension.
 */
export function eventPageHint(key: string, on?: boolean): boolean | undefined {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return undefined;
    if (on !== undefined) storage.setItem(key, on ? '1' : '0');
    return storage.getItem(key) === '1';
  } catch {
    return undefined;
  }
}

// --- Overlay and window surfaces: the break page's port ---

function onConnect(port: Runtime.Port): void {
  if (!isOurBreakPage(port)) {
    port.disconnect();
    return;
  }
  const tab = port.sender?.tab;
  const surface: SurfacePort = { port, breakId: null, token: '', tabId: tab?.id, windowId: tab?.windowId, frameId: port.sender?.frameId };
  openPorts.add(surface);
  port.onMessage.addListener((raw: unknown) => {
    const showing = surfaceShowing(raw);
    if (!showing || (surface.breakId === showing.breakId && surface.token === showing.token)) return;
    surface.breakId = showing.breakId;
    surface.token = showing.token;
    void sendAwayIfStale(surface);
  });
  port.onDisconnect.addListener(() => {
    openPorts.delete(surface);
    if (surface.breakId !== null) void surfaceMayBeGone(surface);
  });
}

function isOurBreakPage(port: Runtime.Port): boolean {
  // The static origin: where the break page is web-accessible by a dynamic URL (Chrome),
  // `getURL(path)` gives that one, but senders carry the static one.
  return port.name === SURFACE_PORT && port.sender !== undefined && ownPageOf(port.sender, browser.runtime.id, browser.runtime.getURL('').replace(/\/$/, '')) === BREAK_PAGE;
}

/** Whether `surface` is the page the stored presentation says shows the break (its token, its place). */
function showsPresentation(surface: SurfacePort, presentation: Presentation): boolean {
  return surface.breakId === presentation.breakId && isShownBy(presentation, surface);
}

/**
 * A page showing a break that now lives elsewhere (a page brought back from the back/forward
 * cache after the break moved on) goes away: one surface at a time. Checked in the queue, after
 * the step that is showing the break has recorded where.
 */
async function sendAwayIfStale(surface: SurfacePort): Promise<void> {
  const presentation = await inQueue(loadPresentation);
  if (presentation && !showsPresentation(surface, presentation)) {
    const leave: SurfaceCommand = { type: 'surface:leave' };
    surface.port.postMessage(leave);
  }
}

/** A break page let go of its port; unless another takes its place, the break moves on. */
async function surfaceMayBeGone(gone: SurfacePort): Promise<void> {
  await pause(PORTLESS_GRACE_MS);
  await whilePending((p) => showsPresentation(gone, p) && !isShownByOpenPort(p), surfaceGone);
}

function isShownByOpenPort(presentation: Presentation): boolean {
  return [...openPorts].some((surface) => showsPresentation(surface, presentation));
}

/**
 * The page showing the break is gone. An overlay follows the user (the same tab's new page, or
 * the tab they land on); a break window that was closed counts as a snooze (PRODUCT.md).
 */
async function surfaceGone(presentation: Presentation): Promise<void> {
  if (presentation.surface !== 'window') return presentAgainAndExpect(presentation);
  if (await surfaceOf(presentation).exists(presentation)) return;
  await dispatch({ type: 'user:closed', breakId: presentation.breakId });
}

/**
 * Shows the break again where the user is; an overlay kept where it was (its tab's new page, a
 * page that put it back) proves itself again: its page must connect within the grace time.
 */
async function presentAgainAndExpect(presentation: Presentation): Promise<void> {
  const now = await presentAgain((p) => p.breakId === presentation.breakId);
  if (now?.surface === 'overlay' && now.breakId === presentation.breakId && sameSurface(now, presentation)) void expectPort(now);
}

/**
 * No break page connected within the grace time. An overlay the tab has shown that long showed
 * nothing the person can use (its frame failed to load: a page with Cross-Origin-Embedder-Policy,
 * a page that stopped loading as the overlay came), yet may cover the tab: it is taken down and
 * that tab is not offered this break again, so the break moves on (to its window). A tab that
 * went to another page meanwhile shows the break there, which must connect in its turn.
 */
async function neverConnected(presentation: Presentation): Promise<void> {
  if (presentation.surface !== 'overlay') return surfaceGone(presentation);
  if (await refuseOverlay(presentation, SILENT_OVERLAY_AGE_MS)) {
    await presentAgain((p) => p.breakId === presentation.breakId);
    return;
  }
  return presentAgainAndExpect(presentation);
}

/**
 * The page of a new surface (or of the surface found at start-up) must connect. Until it does, a
 * closed tab or window is looked for a few times (it would never connect); if no page has
 * connected at the end, the surface is gone.
 */
async function expectPort(presentation: Presentation): Promise<void> {
  const expected = (p: Presentation) => sameSurface(p, presentation) && p.breakId === presentation.breakId && !isShownByOpenPort(p);
  for (let waitedMs = 0; waitedMs < CONNECT_GRACE_MS; waitedMs += CLOSED_CHECK_MS) {
    await pause(CLOSED_CHECK_MS);
    if (!expected(presentation)) return;
    if (!(await surfaceOf(presentation).exists(presentation))) break;
  }
  await whilePending(expected, neverConnected);
}

// --- Shared ---

/** Where the pending break shows; null when no break is pending or it shows nowhere. */
function pendingPresentation({ state, presentation }: Snapshot): Presentation | null {
  return presentation && state.mode.kind === 'due' && state.mode.breakId === presentation.breakId ? presentation : null;
}

/** Runs `then` (after the queue task that looked) when a break is pending and the surface showing it matches `which`. */
async function whilePending(which: (presentation: Presentation) => boolean, then: (presentation: Presentation) => Promise<unknown>): Promise<void> {
  const presentation = pendingPresentation(await inQueue(() => loadSnapshot(Date.now())));
  if (presentation && which(presentation)) await then(presentation);
}

/**
 * Shows the pending break again where the user is now, if the surface showing it matches `which`
 * (it is gone, or in the wrong place): looked at and shown in one queue task, from the snapshot
 * loaded there. Resolves to where the break shows after.
 */
function presentAgain(which: (presentation: Presentation) => boolean, askedFrom: AskedFrom | null = null): Promise<Presentation | null> {
  return inQueue(async () => {
    const snapshot = await loadSnapshot(Date.now());
    const pending = pendingPresentation(snapshot);
    if (!pending || !which(pending)) return snapshot.presentation;
    const shown = await presentBreak(pending.breakId, snapshot, askedFrom);
    if (shown !== snapshot.presentation) followPresentation(shown);
    return shown;
  });
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
      // Started first, so the break page opens straight into the routine.
      await dispatch({ type: 'user:start', breakId });
      await presentAgain((p) => p.breakId === breakId, FROM_NOTIFICATION);
    },
  );
}
