// Runs the core scheduler: one event at a time, state persisted before any effect is carried out.

import { browser, ignoreFailure } from '../platform/browser';
import { applyRecords, type History } from '../core/rules/history';
import { step, type Effect, type HistoryRecord, type ScheduleEvent, type ScheduleState } from '../core/rules/schedule';
import type { Presentation } from '../core/rules/presentation';
import { stayLoadedWhileAway } from './away';
import { findCallSignal } from './call';
import { updateBadge } from './badge';
import { notifyHeadsUp } from './heads-up';
import { dismissBreak, presentBreak, presentBreakQuietly, withdrawBreak } from './present';
// An import cycle, which only a callback registered at start-up would avoid (issue 17 removed
// that one: a subscription no import showed). Every effect that moves the break is followed
// here, and following it can step the scheduler again (a closed break window is a snooze, the
// notification's buttons). Neither module uses the other at its top level.
import { followPresentation } from './follow';
import { loadSnapshot, type Snapshot } from './storage';
import { BROWSER_SESSION_KEY, HISTORY_KEY, RUNNING_VERSION_KEY, SCHEDULE_KEY, TIMING_KEY } from '../core/contracts/storage-keys';

export const ALARM_NAME = 'unhunch:next';

export interface Processed {
  /** The state after the step, and where the break shows after its effects. */
  snapshot: Snapshot;
  state: ScheduleState;
  history: History;
  now: number;
}

let queue: Promise<unknown> = Promise.resolve();

/** Events are stepped strictly in order, even when browser events arrive together. */
export function dispatch(event: ScheduleEvent): Promise<Processed> {
  const run = queue.then(() => process(event));
  queue = run.catch((error: unknown) => console.error('Unhunch: could not process', event.type, error));
  return run;
}


let updatedSaid = false;
let browserStartSaid = false;

/**
 * Called by `runtime.onInstalled` and `runtime.onStartup` (index.ts): what the browser says about
 * this start. Both are dispatched right after the background's first run, so they are normally
 * heard before `startWorker`'s storage reads answer.
 */
export function noteWhyStarted(why: 'updated' | 'browser-started'): void {
  if (why === 'updated') updatedSaid = true;
  else browserStartSaid = true;
}

/**
 * Steps the first event of this worker's life, ahead of whatever woke it. A later start in the
 * same browser session is just a stopped worker coming back. The first start in a session
 * (`storage.session`, which lives as long as the browser runs, is empty) is a browser start: the
 * time the browser was closed must not count. Unless the extension was only updated or reloaded,
 * which empties `storage.session` too but closed nothing: a new version in the manifest (kept in
 * storage.local) or `runtime.onInstalled` for an update says so, and `runtime.onStartup` says the browser
 * started all the same (an update applied as the browser starts).
 */
export function startWorker(): void {
  const run = queue.then(async () => {
    const session = browser.storage.session;
    const seen = await session.get(BROWSER_SESSION_KEY).catch(() => ({}) as Record<string, unknown>);
    if (seen[BROWSER_SESSION_KEY] === true) return process({ type: 'worker:started' });
    await session.set({ [BROWSER_SESSION_KEY]: true }).catch(ignoreFailure);
    const version = browser.runtime.getManifest().version;
    const stored = (await browser.storage.local.get(RUNNING_VERSION_KEY).catch(() => ({}) as Record<string, unknown>))[RUNNING_VERSION_KEY];
    if (stored !== version) await browser.storage.local.set({ [RUNNING_VERSION_KEY]: version }).catch(ignoreFailure);
    const updated = !browserStartSaid && (stored !== version || updatedSaid);
    return process({ type: updated ? 'worker:started' : 'browser:started' });
  });
  queue = run.catch((error: unknown) => console.error('Unhunch: could not start', error));
}

/** Runs `task` in the queue, so it sees the state after every event dispatched before it. */
export function inQueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined); // The caller gets the failure; the queue goes on.
  return run;
}

/** The break page's own answers need no look for a call; every wake-up that can show or hold a break does. */
const NO_CALL_LOOK: ReadonlySet<ScheduleEvent['type']> = new Set(['user:start', 'user:snooze', 'user:skip', 'user:complete', 'user:pause', 'user:resume', 'user:break-now']);

async function process(event: ScheduleEvent): Promise<Processed> {
  const [before, callSignal] = await Promise.all([
    loadSnapshot(Date.now()),
    NO_CALL_LOOK.has(event.type) ? undefined : findCallSignal().catch(() => undefined),
  ]);
  const now = Date.now();
  const { state, effects } = step(before.state, event, now, before.timing, callSignal);
  const records = effects.flatMap((e): HistoryRecord[] => (e.type === 'record' ? [e.record] : []));
  const history = applyRecords(before.history, records);
  // Persist first: the worker may be stopped at any await below, and state must survive it.
  await browser.storage.local.set({
    [SCHEDULE_KEY]: state,
    [HISTORY_KEY]: history,
    [TIMING_KEY]: before.timing,
  });
  // The effects get the state after the step, and each the presentation the one before it left:
  // nothing between the event and the surface reads storage again.
  let snapshot: Snapshot = { ...before, state, history };
  for (const effect of effects) {
    const presentation = await runEffect(effect, snapshot, now);
    if (presentation === snapshot.presentation) continue;
    followPresentation(presentation);
    snapshot = { ...snapshot, presentation };
  }
  await updateBadge(state, now, snapshot.timing, snapshot.settings.badgeMinutes);
  stayLoadedWhileAway(state.activity, snapshot.settings.idleDetectionSeconds, () => void dispatch({ type: 'activity', activity: 'active' }));
  return { snapshot, state, history, now };
}

/** Carries out one effect; resolves to where the break shows after it. */
async function runEffect(effect: Effect, snapshot: Snapshot, now: number): Promise<Presentation | null> {
  switch (effect.type) {
    case 'arm-alarm':
      await browser.alarms.create(ALARM_NAME, { when: effect.at });
      break;
    case 'clear-alarm':
      await browser.alarms.clear(ALARM_NAME);
      break;
    case 'present-break':
      if (effect.quiet) return presentBreakQuietly(effect.breakId, snapshot);
      return presentBreak(effect.breakId, snapshot, effect.askedFrom ?? null);
    case 'withdraw-break':
      return withdrawBreak(effect.breakId, snapshot);
    case 'dismiss-break':
      return dismissBreak(effect.breakId, effect.outcome, snapshot);
    case 'notify-heads-up':
      await notifyHeadsUp(effect.dueAt - now, snapshot.timing, effect.silent);
      break;
    case 'record':
      break; // Folded into the history saved with the state.
  }
  return snapshot.presentation;
}
