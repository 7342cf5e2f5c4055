// Where the pending break shows (overlay in a tab, its own window, a notification): the record the background keeps, and its reader.

import { isPlainObject } from './fields';
import { isSurfaceToken } from '../contracts/messages';

export type SurfaceKind = 'overlay' | 'window' | 'notification';
const SURFACE_KINDS: ReadonlySet<unknown> = new Set<SurfaceKind>(['overlay', 'window', 'notification']);

/** Where the pending break is showing, so a later wake-up can close or move it. */
export interface Presentation {
  breakId: number;
  surface: SurfaceKind;
  tabId?: number;
  windowId?: number;
  /** Put in the break page's URL by the background (overlay and window): see `isShownBy`. */
  token?: string;
}

/** Where a request or a port comes from, as the browser reports it (not the page's word), and the token it names. */
export interface SurfaceSender {
  token: string;
  tabId: number | undefined;
  windowId: number | undefined;
  frameId: number | undefined;
}

/**
 * Whether the sender is the break page the background showed this break in: the token it put in
 * that page's URL, and the place it put it — a frame in the overlay's tab, or the top of the break
 * window. A copy of the break page a web page framed has neither, and can drive nothing.
 */
export function isShownBy(presentation: Presentation, sender: SurfaceSender): boolean {
  if (presentation.token === undefined || sender.token !== presentation.token) return false;
  if (presentation.surface === 'overlay') return sender.tabId === presentation.tabId && sender.frameId !== undefined && sender.frameId !== 0;
  if (presentation.surface === 'window') return sender.windowId === presentation.windowId && sender.frameId === 0;
  return false;
}

/**
 * Where a person who asked for the break (rather than the schedule) asked from: the browser window of
 * the toolbar popup or of the tab the shortcut was pressed in (null when the browser did not say: the
 * window they were last in), or a click on our notification (the window they were last in, brought
 * forward).
 */
export type AskedFrom = { kind: 'window'; windowId: number | null } | { kind: 'notification' };

/** What the browser says of a window: enough to place a break. */
export interface WindowFacts {
  id?: number;
  focused?: boolean;
}

/**
 * Whether the break shows in the browser (over the window's current tab, or as its own window)
 * rather than as a notification. A break someone asked for shows where they asked, whatever the
 * browser says of the window's focus: while the toolbar popup has the focus, Chromium on Linux
 * reports its window as not focused. A break that fell due shows in the browser only if a window
 * of it has the focus; otherwise the person is in another program.
 */
export function showsInBrowser(window: WindowFacts | null, askedFrom: AskedFrom | null): boolean {
  if (askedFrom !== null) return true;
  return window !== null && window.id !== undefined && window.focused !== false;
}

export function readPresentation(stored: unknown): Presentation | null {
  if (!isPlainObject(stored)) return null;
  const p = stored;
  if (typeof p.breakId !== 'number' || !SURFACE_KINDS.has(p.surface)) return null;
  return {
    breakId: p.breakId,
    surface: p.surface as SurfaceKind,
    ...(typeof p.tabId === 'number' ? { tabId: p.tabId } : {}),
    ...(typeof p.windowId === 'number' ? { windowId: p.windowId } : {}),
    ...(isSurfaceToken(p.token) ? { token: p.token } : {}),
  };
}

/** Whether two presentations are the same surface (the same tab's overlay, the same window, the notification). */
export function sameSurface(a: Presentation, b: Presentation): boolean {
  if (a.surface !== b.surface) return false;
  if (a.surface === 'overlay') return a.tabId === b.tabId;
  if (a.surface === 'window') return a.windowId === b.windowId;
  return true;
}
