// While the person is away, an event page (Firefox) stays loaded, so the idle observer that saw them go is the one that reports their return.
//
// Firefox removes an event page's idle observer when the page is suspended and adds a fresh one
// when it re-primes the listener. Told of someone already idle, a fresh observer reports `idle`
// at once, which wakes the page again: without this, an away spell cost a start every suspend
// timeout (twice a minute at Firefox's default 30 s). A call into the extension API resets that
// timeout, so while away the page asks the idle state a little more often than the timeout
// runs out; the one observer then reports `active` the moment the person is back, and the
// answer doubles as a check that no return went unreported.
//
// A service worker (Chrome) is stopped and woken without losing its idle registration, so it
// does none of this.

import type { Activity } from '../core/rules/schedule';
import { browser } from '../platform/browser';

/** Below Firefox's default suspend timeout (extensions.background.idle.timeout, 30 s). */
export const AWAY_TICK_MS = 20_000;

/** An event page has a document; a service worker does not. */
const isEventPage = typeof document !== 'undefined';

let tick: ReturnType<typeof setTimeout> | undefined;
let away = false;

/**
 * Called after every step of the scheduler with the activity it now assumes. `comeBack` is
 * dispatched when a tick finds the person active although no `active` event came.
 */
export function stayLoadedWhileAway(activity: Activity, idleDetectionSeconds: number, comeBack: () => void): void {
  if (!isEventPage) return;
  away = activity !== 'active';
  if (!away) {
    clearTimeout(tick);
    tick = undefined;
    return;
  }
  if (tick !== undefined) return;
  const ask = async () => {
    const now = await browser.idle.queryState(idleDetectionSeconds).catch(() => 'idle' as const);
    tick = undefined;
    if (!away) return;
    if (now === 'active') comeBack();
    else schedule();
  };
  // eslint-disable-next-line no-restricted-globals -- keeps this page loaded; if it is suspended anyway, nothing is lost but this
  const schedule = () => (tick = setTimeout(() => void ask(), AWAY_TICK_MS));
  schedule();
}
