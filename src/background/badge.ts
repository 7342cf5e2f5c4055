// The toolbar badge: a clear mark while a break is due or reminders are paused.

import browser from 'webextension-polyfill';
import type { ScheduleState } from '../core/schedule';
import type { Timing } from '../core/timing';
import { t } from '../ui/i18n';

let shown: string | undefined;

export async function updateBadge(state: ScheduleState, _now: number, _timing: Timing): Promise<void> {
  const text = state.mode.kind === 'due' ? '!' : state.mode.kind === 'paused' ? '❚❚' : '';
  if (text === shown) return;
  shown = text;
  const color = state.mode.kind === 'due' ? '#b3261e' : '#5f6368';
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({
      title: state.mode.kind === 'due' ? t('badgeTitleDue') : state.mode.kind === 'paused' ? t('badgeTitlePaused') : t('extName'),
    }),
  ]).catch(() => undefined);
}
