// The heads-up before a break, with "I'm in a call (1 h)" where the browser shows notification buttons (Chrome).
//
// The button needs a listener, and between breaks no listener may wake the background: it is
// there only while the heads-up is on screen, as the notification surface's listeners are only
// while a break waits in a notification (follow.ts). It goes when the heads-up is cleared (the
// break shows, is withdrawn or resolved, or the button was used); a heads-up the person closed
// leaves it until then, or until the next start of the background finds the heads-up gone.

import type { Notifications } from 'webextension-polyfill';
import { minutesShown, type Timing } from '../core/rules/timing';
import { HEADS_UP_HINT_KEY } from '../core/contracts/storage-keys';
import { browser, ignoreFailure } from '../platform/browser';
import { formatCount, t, tPlural } from '../platform/i18n';
import { basicNotification, HEADS_UP_NOTIFICATION } from './notifications';
// A cycle with scheduler.ts, which shows the heads-up as an effect; its button steps the scheduler
// again. Neither module uses the other at its top level.
import { dispatch, inQueue } from './scheduler';
import { eventPageHint } from './follow';

/** How long "I'm in a call" on the heads-up holds breaks: the popup's one-hour choice, said on the button. */
export const HEADS_UP_CALL_MINUTES = 60;

/** The count that picks the plural form is the break's minutes, the noun the sentence is about. */
function headsUpMessage(seconds: number, minutes: number): string {
  return tPlural('headsUpMessage', minutes, [formatCount(seconds), formatCount(minutes)]);
}

/** `silent` during a call: Chrome then plays no sound; Firefox has neither that option nor buttons, and shows the plain one. */
export async function notifyHeadsUp(msUntilBreak: number, timing: Timing, silent = false): Promise<void> {
  const seconds = Math.max(1, Math.round(msUntilBreak / 1000));
  const basic = basicNotification(t('headsUpTitle'), headsUpMessage(seconds, minutesShown(timing.breakMs)));
  // Chrome's options; the polyfill's types follow Firefox, which rejects them (both of them).
  const withButton: Notifications.CreateNotificationOptions & { buttons: { title: string }[]; silent?: boolean } = { ...basic, silent, buttons: [{ title: t('headsUpButtonCall') }] };
  const withButtonShown = await create(withButton);
  listenForCallButton(withButtonShown);
  if (!withButtonShown) await create(basic);
}

/** The break shows or is over: the heads-up has said its piece, and its button's listener goes with it. */
export async function clearHeadsUp(): Promise<void> {
  listenForCallButton(false);
  await browser.notifications.clear(HEADS_UP_NOTIFICATION).catch(ignoreFailure);
}

/**
 * Call once, synchronously, at the background's top level: only a listener added there receives
 * the click that woke a stopped background. Kept only if the heads-up is still on screen.
 */
export function registerHeadsUpListener(): void {
  listenForCallButton(eventPageHint(HEADS_UP_HINT_KEY) ?? true);
  // A browser that can't list its notifications has none on screen.
  void inQueue(async () => HEADS_UP_NOTIFICATION in (await browser.notifications.getAll().catch(() => ({})))).then(listenForCallButton);
}

/** Firefox's schema check throws on `buttons` before any promise: caught here all the same. */
async function create(options: Notifications.CreateNotificationOptions): Promise<boolean> {
  try {
    await browser.notifications.create(HEADS_UP_NOTIFICATION, options);
    return true;
  } catch {
    return false;
  }
}

/** The button (the only one, index 0) is exactly the popup's "I'm in a call" for one hour: the coming break waits for the call to end. */
const onButtonClicked = (notificationId: string, buttonIndex: number) => {
  if (notificationId === HEADS_UP_NOTIFICATION && !buttonIndex) void dispatch({ type: 'user:call', until: Date.now() + HEADS_UP_CALL_MINUTES * 60_000 }).then(clearHeadsUp);
};

let listening = false;

/**
 * Adds or removes the button's listener (see follow.ts's `listenForReturn` for why removing it is
 * what stops the event from waking the background, and why an event page needs its hint).
 */
function listenForCallButton(on: boolean): void {
  eventPageHint(HEADS_UP_HINT_KEY, on);
  if (on === listening) return;
  listening = on;
  browser.notifications.onButtonClicked[on ? 'addListener' : 'removeListener'](onButtonClicked);
}
