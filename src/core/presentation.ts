// Where the pending break shows (overlay in a tab, its own window, a notification): the record the background keeps, and its reader.

import { isPlainObject } from './fields';
import { isSurfaceToken } from './messages';

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
