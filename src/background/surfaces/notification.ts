// The break as a notification, when the browser is not focused (the user is in another program): Start and Snooze where the browser shows buttons.

import type { Notifications } from 'webextension-polyfill';
import { canSnooze, heldInCall } from '../../core/rules/schedule';
import { minutesShown } from '../../core/rules/timing';
import { browser, ignoreFailure } from '../../platform/browser';
import { t, tPlural } from '../../platform/i18n';
import { basicNotification, BREAK_NOTIFICATION } from '../notifications';
import type { Snapshot } from '../storage';
import type { BreakSurface } from './surface';

export const notificationSurface: BreakSurface = {
  kind: 'notification',

  async show(breakId, where, snapshot) {
    if (where.kind !== 'away' || !(await showNotification(snapshot))) return null;
    return { breakId, surface: 'notification' };
  },

  // Back in the browser, the break moves there; held for a call that still goes on, it stays here.
  keeps: async (current, breakId, where, { state }) =>
    current.breakId === breakId && (where.kind === 'away' || heldInCall(state, Date.now())) ? 'keep' : 'replace',

  async takeDown() {
    await browser.notifications.clear(BREAK_NOTIFICATION).catch(ignoreFailure);
  },

  exists: () => Promise.resolve(true),
};

async function showNotification({ state, timing }: Snapshot): Promise<boolean> {
  const basic = basicNotification(tPlural('breakNotificationTitle', minutesShown(timing.breakMs)), t('breakNotificationMessage'));
  const buttons = [{ title: t('buttonStart') }];
  if (canSnooze(state, timing)) buttons.push({ title: tPlural('buttonSnooze', minutesShown(timing.snoozeMs)) });
  // Chrome's options; the polyfill's types follow Firefox, which has neither.
  const withButtons: Notifications.CreateNotificationOptions & { buttons: { title: string }[]; requireInteraction: boolean; silent?: boolean } = {
    ...basic,
    buttons,
    requireInteraction: true,
    // Held for a call to the limit: no sound into the call.
    ...(heldInCall(state, Date.now()) ? { silent: true } : {}),
  };
  try {
    await browser.notifications.create(BREAK_NOTIFICATION, withButtons);
    return true;
  } catch {
    // Firefox rejects `buttons` (and older versions `requireInteraction`): the plain one still works.
  }
  try {
    await browser.notifications.create(BREAK_NOTIFICATION, basic);
    return true;
  } catch {
    return false;
  }
}
