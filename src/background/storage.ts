// Where the background keeps everything: live state and history in storage.local, settings in storage.sync.

import { browser } from '../platform/browser';
import { readHistory, type History } from '../core/rules/history';
import { readScheduleState, type ScheduleState } from '../core/rules/schedule';
import { readSettings, type Settings } from '../core/rules/settings';
import { readDevOverrides, timingFrom, type Timing } from '../core/rules/timing';
import { readPresentation, type Presentation } from '../core/rules/presentation';
import { DEV_OVERRIDES_KEY, HISTORY_KEY, PRESENTATION_KEY, SCHEDULE_KEY, SETTINGS_KEY } from '../core/contracts/storage-keys';

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
    browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>),
    isDevelopmentInstall(),
  ]);
  const settings = readSettings(sync[SETTINGS_KEY]);
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

/** Records where the break shows (present.ts); whoever had it shown follows the change (follow.ts: `followPresentation`). */
export async function savePresentation(presentation: Presentation | null): Promise<void> {
  if (presentation) await browser.storage.local.set({ [PRESENTATION_KEY]: presentation });
  else await browser.storage.local.remove(PRESENTATION_KEY);
}
