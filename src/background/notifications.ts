// The background's notifications: their ids, their look, and the heads-up before a break.

import { minutesShown, type Timing } from '../core/timing';
import { browser, ignoreFailure } from '../platform/browser';
import { formatCount, t, tPlural } from '../platform/i18n';

export const HEADS_UP_NOTIFICATION = 'unhunch:heads-up';
export const BREAK_NOTIFICATION = 'unhunch:break';
/** Indexes of the break notification's buttons (Chrome only; Firefox shows no buttons). */
export const NOTIFICATION_BUTTON = { start: 0, snooze: 1 } as const;

/** A plain notification with our icon: all Firefox shows, and what Chrome's break notification adds its buttons to. */
export function basicNotification(title: string, message: string) {
  return { type: 'basic' as const, iconUrl: browser.runtime.getURL('icons/icon-128.png'), title, message };
}

/** The count that picks the plural form is the break's minutes, the noun the sentence is about. */
function headsUpMessage(seconds: number, minutes: number): string {
  return tPlural('headsUpMessage', minutes, [formatCount(seconds), formatCount(minutes)]);
}

/** `silent` during a call: Chrome then plays no sound; Firefox has no such option and shows it plainly. */
export async function notifyHeadsUp(msUntilBreak: number, timing: Timing, silent = false): Promise<void> {
  const seconds = Math.max(1, Math.round(msUntilBreak / 1000));
  const basic = basicNotification(t('headsUpTitle'), headsUpMessage(seconds, minutesShown(timing.breakMs)));
  if (silent && (await browser.notifications.create(HEADS_UP_NOTIFICATION, { ...basic, silent: true } as typeof basic).then(() => true, () => false))) return;
  await browser.notifications.create(HEADS_UP_NOTIFICATION, basic).catch(ignoreFailure);
}
