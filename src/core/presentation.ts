// Where the pending break shows (overlay in a tab, its own window, a notification): the record the background keeps, and its reader.

import { isPlainObject } from './fields';

export type SurfaceKind = 'overlay' | 'window' | 'notification';
const SURFACE_KINDS: ReadonlySet<unknown> = new Set<SurfaceKind>(['overlay', 'window', 'notification']);

/** Where the pending break is showing, so a later wake-up can close or move it. */
export interface Presentation {
  breakId: number;
  surface: SurfaceKind;
  tabId?: number;
  windowId?: number;
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
  };
}

/** Whether two presentations are the same surface (the same tab's overlay, the same window, the notification). */
export function sameSurface(a: Presentation, b: Presentation): boolean {
  if (a.surface !== b.surface) return false;
  if (a.surface === 'overlay') return a.tabId === b.tabId;
  if (a.surface === 'window') return a.windowId === b.windowId;
  return true;
}
