// The toolbar badge: minutes to the next break (optional), a clear mark while a break is due or reminders are paused.

import { browser, ignoreFailure } from '../platform/browser';
import { badgeText } from '../core/rules/badge';
import type { ScheduleState } from '../core/rules/schedule';
import type { Timing } from '../core/rules/timing';
import { t } from '../platform/i18n';

/**
 * The minute count costs a wake-up a minute (the badge has no timer of its own), which is why it
 * is off by default; the due and paused marks cost nothing extra.
 */
export const BADGE_ALARM = 'unhunch:badge';

let shown: string | undefined;

export async function updateBadge(state: ScheduleState, now: number, timing: Timing, withMinutes: boolean): Promise<void> {
  const ticking = withMinutes && state.mode.kind === 'working';
  const hasAlarm = (await browser.alarms.get(BADGE_ALARM)) !== undefined;
  if (ticking && !hasAlarm) await browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1 });
  if (!ticking && hasAlarm) await browser.alarms.clear(BADGE_ALARM);

  const text = badgeText(state, now, timing, withMinutes);
  if (text === shown) return;
  shown = text;
  const held = state.mode.kind === 'due' && state.mode.heldSince !== null;
  const color = held ? '#5f6368' : state.mode.kind === 'due' ? '#b3261e' : state.mode.kind === 'paused' ? '#5f6368' : '#13766b';
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({
      title: held ? t('badgeTitleHeld') : state.mode.kind === 'due' ? t('badgeTitleDue') : state.mode.kind === 'paused' ? t('badgeTitlePaused') : t('extName'),
    }),
  ]).catch(ignoreFailure);
}
