// Where the background keeps everything: live state and history in storage.local, settings in storage.sync.

import { browser } from './browser';
import { readHistory, type History } from '../core/history';
import { readScheduleState, type ScheduleState } from '../core/schedule';
import { readSettings, type Settings } from '../core/settings-rules';
import { readDevOverrides, timingFrom, type Timing } from '../core/timing';
import { isPlainObject } from '../core/plain-object';

export const LOCAL_KEYS = {
  schedule: 'schedule',
  history: 'history',
  devOverrides: 'devOverrides',
  /** The timing in force, kept for the pages so they need not re-derive it. */
  timing: 'timing',
  presentation: 'presentation',
} as const;

export const SYNC_SETTINGS_KEY = 'settings';

/** Where the pending break is showing, so a later wake-up can close or move it. */
export interface Presentation {
  breakId: number;
  surface: 'overlay' | 'window' | 'notification';
  tabId?: number;
  windowId?: number;
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
    browser.storage.local.get([LOCAL_KEYS.schedule, LOCAL_KEYS.history, LOCAL_KEYS.devOverrides, LOCAL_KEYS.presentation]),
    browser.storage.sync.get(SYNC_SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>),
    isDevelopmentInstall(),
  ]);
  const settings = readSettings(sync[SYNC_SETTINGS_KEY]);
  const overrides = development ? readDevOverrides(local[LOCAL_KEYS.devOverrides]) : null;
  return {
    state: readScheduleState(local[LOCAL_KEYS.schedule], now),
    history: readHistory(local[LOCAL_KEYS.history]),
    settings,
    timing: timingFrom(settings, overrides),
    presentation: readPresentation(local[LOCAL_KEYS.presentation]),
  };
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

export async function savePresentation(presentation: Presentation | null): Promise<void> {
  if (presentation) await browser.storage.local.set({ [LOCAL_KEYS.presentation]: presentation });
  else await browser.storage.local.remove(LOCAL_KEYS.presentation);
}
