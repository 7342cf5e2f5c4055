// Runs the core scheduler: one event at a time, state persisted before any effect is carried out.

import { browser, ignoreFailure } from '../platform/browser';
import { applyRecords, type History } from '../core/history';
import { step, type Effect, type HistoryRecord, type ScheduleEvent, type ScheduleState } from '../core/schedule';
import { stayLoadedWhileAway } from './away';
import { updateBadge } from './badge';
import { notifyHeadsUp } from './notifications';
import { dismissBreak, presentBreak } from './present';
import { lastFocusedWindow } from './surfaces/surface';
import { loadSnapshot, type Snapshot } from './storage';
import { BROWSER_SESSION_KEY, HISTORY_KEY, SCHEDULE_KEY, TIMING_KEY } from '../core/storage-keys';

export const ALARM_NAME = 'unhunch:next';

export interface Processed {
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


/**
 * Steps the first event of this worker's life, ahead of whatever woke it. The first start in a
 * browser session is a browser start (the time it was closed must not count); any later one is
 * just a stopped worker coming back. `runtime.onStartup` can't tell us in time: it fires after
 * the event that woke the worker may already have been stepped.
 */
export function startWorker(): void {
  const run = queue.then(async () => {
    const session = browser.storage.session;
    const seen = await session.get(BROWSER_SESSION_KEY).catch(() => ({}) as Record<string, unknown>);
    const browserJustStarted = seen[BROWSER_SESSION_KEY] !== true;
    if (browserJustStarted) await session.set({ [BROWSER_SESSION_KEY]: true }).catch(ignoreFailure);
    return process({ type: browserJustStarted ? 'browser:started' : 'worker:started' });
  });
  queue = run.catch((error: unknown) => console.error('Unhunch: could not start', error));
}

/** Runs `task` in the queue, so it sees the state after every event dispatched before it. */
export function inQueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined); // The caller gets the failure; the queue goes on.
  return run;
}

async function process(event: ScheduleEvent): Promise<Processed> {
  const now = Date.now();
  const snapshot = await loadSnapshot(now);
  const { state, effects } = step(snapshot.state, event, now, snapshot.timing);
  const records = effects.flatMap((e): HistoryRecord[] => (e.type === 'record' ? [e.record] : []));
  const history = applyRecords(snapshot.history, records);
  // Persist first: the worker may be stopped at any await below, and state must survive it.
  await browser.storage.local.set({
    [SCHEDULE_KEY]: state,
    [HISTORY_KEY]: history,
    [TIMING_KEY]: snapshot.timing,
  });
  for (const effect of effects) await runEffect(effect, snapshot, now);
  await updateBadge(state, now, snapshot.timing, snapshot.settings.badgeMinutes);
  stayLoadedWhileAway(state.activity, snapshot.settings.idleDetectionSeconds, () => void dispatch({ type: 'activity', activity: 'active' }));
  return { snapshot, state, history, now };
}

async function runEffect(effect: Effect, snapshot: Snapshot, now: number): Promise<void> {
  switch (effect.type) {
    case 'arm-alarm':
      await browser.alarms.create(ALARM_NAME, { when: effect.at });
      return;
    case 'clear-alarm':
      await browser.alarms.clear(ALARM_NAME);
      return;
    case 'present-break':
      if (effect.mayDefer && (await focusedWindowIsFullscreen())) {
        // Do not disturb: queued behind this event, not awaited (that would wait on ourselves).
        void dispatch({ type: 'surface:deferred', breakId: effect.breakId });
        return;
      }
      await presentBreak(effect.breakId, snapshot.presentation);
      return;
    case 'dismiss-break':
      await dismissBreak(effect.breakId, effect.outcome, snapshot.presentation);
      return;
    case 'notify-heads-up':
      await notifyHeadsUp(effect.dueAt - now, snapshot.timing);
      return;
    case 'record':
      return; // Folded into the history saved with the state.
  }
}

async function focusedWindowIsFullscreen(): Promise<boolean> {
  const window = await lastFocusedWindow();
  return window?.focused === true && window.state === 'fullscreen';
}
