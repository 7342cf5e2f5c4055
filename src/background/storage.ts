// Where the background keeps everything: live state and history in storage.local, settings in storage.sync.

import { browser } from './browser';
import { readHistory, type History } from '../core/history';
import { readScheduleState, type ScheduleState } from '../core/schedule';
import { readSettings, type Settings } from '../core/settings-rules';
import { readDevOverrides, timingFrom, type Timing } from '../core/timing';
import { isPlainObject } from '../core/plain-object';

// The storage.local keys the background writes; the pages read the same names.
export const SCHEDULE_KEY = 'schedule';
export const HISTORY_KEY = 'history';
/** The test-only clock (timing.ts). */
export const DEV_OVERRIDES_KEY = 'devOverrides';
/** The timing in force, kept for the pages so they need not re-derive it. */
export const TIMING_KEY = 'timing';
export const PRESENTATION_KEY = 'presentation';

export const SYNC_SETTINGS_KEY = 'settings';

/** Where the pending break is showing, so a later wake-up can close or move it. */
export interface Presentation {
  breakId: number;
  surface: 'overlay' | 'window' | 'notification';
  tabId?: number;
  windowId?: number;
}

/** Whether two presentations are the same surface (the same tab's overlay, the same window, the notification). */
export function sameSurface(a: Presentation, b: Presentation): boolean {
  if (a.surface !== b.surface) return false;
  if (a.surface === 'overlay') return a.tabId === b.tabId;
  if (a.surface === 'window') return a.windowId === b.windowId;
  return true;
}

export interface Snapshot {
  state: ScheduleState;
  history: History;
  settings: Settings;
  timing: Timing;
  presentation: Presentation | null;
}

let developmentInstall: Promise<boolean> | undefined;

/** The test-only clock is honoured only for unpacked / temporary installs. */
export function isDevelopmentInstall(): Promise<boolean> {
  developmentInstall ??= browser.management
    .getSelf()
    .then((self) => self.installType === 'development')
    .catch(() => false);
  return developmentInstall;
}

export async function loadSnapshot(now: number): Promise<Snapshot> {
  const [local, sync, development] = await Promise.all([
    browser.storage.local.get([SCHEDULE_KEY, HISTORY_KEY, DEV_OVERRIDES_KEY, PRESENTATION_KEY]),
    browser.storage.sync.get(SYNC_SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>),
    isDevelopmentInstall(),
  ]);
  const settings = readSettings(sync[SYNC_SETTINGS_KEY]);
  const overrides = development ? readDevOverrides(local[DEV_OVERRIDES_KEY]) : null;
  return {
    state: readScheduleState(local[SCHEDULE_KEY], now),
    history: readHistory(local[HISTORY_KEY]),
    settings,
    timing: timingFrom(settings, overrides),
    presentation: readPresentation(local[PRESENTATION_KEY]),
  };
}

/** Where the break shows, read alone: most tab and window events only need to learn that none does. */
export async function loadPresentation(): Promise<Presentation | null> {
  return readPresentation((await browser.storage.local.get(PRESENTATION_KEY))[PRESENTATION_KEY]);
}

function readPresentation(stored: unknown): Presentation | null {
  if (!isPlainObject(stored)) return null;
  const p = stored;
  if (typeof p.breakId !== 'number' || (p.surface !== 'overlay' && p.surface !== 'window' && p.surface !== 'notification')) return null;
  return {
    breakId: p.breakId,
    surface: p.surface,
    ...(typeof p.tabId === 'number' ? { tabId: p.tabId } : {}),
    ...(typeof p.windowId === 'number' ? { windowId: p.windowId } : {}),
  };
}

let presentationWatcher: ((presentation: Presentation | null) => void) | undefined;

/** Called after every change of where the break shows (the surface listeners follow it). */
export function watchPresentation(watcher: (presentation: Presentation | null) => void): void {
  presentationWatcher = watcher;
}

export async function savePresentation(presentation: Presentation | null): Promise<void> {
  if (presentation) await browser.storage.local.set({ [PRESENTATION_KEY]: presentation });
  else await browser.storage.local.remove(PRESENTATION_KEY);
  presentationWatcher?.(presentation);
}
