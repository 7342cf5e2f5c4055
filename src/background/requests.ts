// Answers the extension pages' requests, after checking each comes from our own page, is one that page may send, and is well-formed; break actions only from the surface showing the break.

import type { Runtime } from 'webextension-polyfill';
import { breaksTaken, emptyTally, localDayKey, tallyFor } from '../core/rules/history';
import { importDays, type HistoryStore } from '../core/rules/history-merge';
import { ownPageOf, parseRequest, REQUESTS_BY_PAGE, type BreakView, type Request } from '../core/contracts/messages';
import { isShownBy } from '../core/rules/presentation';
import type { ScheduleEvent } from '../core/rules/schedule';
import { promptView } from '../core/contracts/break-view';
import { roundForBreak, routineForBreak } from '../core/rules/routines';
import { tomorrowStart } from '../core/rules/working-hours';
import { dispatch, inQueue } from './scheduler';
import { browser } from '../platform/browser';
import { loadPresentation, loadSnapshot } from './storage';
import { HISTORY_KEY } from '../core/contracts/storage-keys';

const historyStore: HistoryStore = {
  read: async () => (await browser.storage.local.get(HISTORY_KEY))[HISTORY_KEY],
  write: (history) => browser.storage.local.set({ [HISTORY_KEY]: history }),
};

// Not `new URL(...).origin`: for non-web schemes that is "null" in some engines.
const extensionOrigin = browser.runtime.getURL('').replace(/\/$/, '');

/**
 * The runtime.onMessage listener: answers with a promise (the polyfill's contract, and the
 * browsers' own where they have `browser`). A message we don't answer returns nothing, so its
 * channel closes at once and other listeners may answer.
 */
export function onRequest(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  return handleMessage(raw, sender)?.catch((error: unknown) => {
    console.error('Unhunch: could not answer', error);
    // Never leave the page waiting; every page reads a missing answer as a failure.
    return undefined;
  });
}

/** Anything not from our own pages, not that page's to ask, or malformed, is ignored (undefined). */
export function handleMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  const page = ownPageOf(sender, browser.runtime.id, extensionOrigin);
  const request = page === null ? null : parseRequest(raw);
  if (!request || !REQUESTS_BY_PAGE[page!]?.has(request.type)) return undefined;
  if (!('token' in request)) return answer(request);
  // A break page: only the one the background showed this break in may see or drive it.
  return inQueue(async () => {
    const presentation = await loadPresentation();
    const surface = { token: request.token, tabId: sender.tab?.id, windowId: sender.tab?.windowId, frameId: sender.frameId };
    return presentation !== null && isShownBy(presentation, surface);
  }).then((shown) => (shown ? answer(request) : refusal(request)));
}

/** The answer to a break page that is not the one showing the break: nothing to show, nothing done. */
function refusal(request: Request): unknown {
  if (request.type === 'break:get') return null;
  return request.type === 'break:complete' ? { ok: false, today: emptyTally() } : { ok: false };
}

async function answer(request: Request): Promise<unknown> {
  switch (request.type) {
    case 'break:get':
      return inQueue(() => breakView());
    case 'break:start':
      return started(await dispatch({ type: 'user:start', breakId: request.breakId }), request.breakId);
    case 'break:snooze':
      return resolved(await dispatch({ type: 'user:snooze', breakId: request.breakId }), request.breakId);
    case 'break:skip':
      return resolved(await dispatch({ type: 'user:skip', breakId: request.breakId }), request.breakId);
    case 'break:complete': {
      const processed = await dispatch({ type: 'user:complete', breakId: request.breakId });
      return { ...resolved(processed, request.breakId), today: tallyFor(processed.history, localDayKey(processed.now)) };
    }
    case 'break:now':
      await dispatch({ type: 'user:break-now', askedFrom: request.windowId === undefined ? undefined : { kind: 'window', windowId: request.windowId } });
      return { ok: true };
    case 'pause':
      await dispatch(await pauseEvent(request.minutes));
      return { ok: true };
    case 'resume':
      await dispatch({ type: 'user:resume' });
      return { ok: true };
    case 'call':
      if (request.minutes === 'end') await dispatch({ type: 'user:call-end' });
      else await dispatch({ type: 'user:call', until: request.minutes === null ? null : Date.now() + request.minutes * 60_000 });
      return { ok: true };
    case 'history:import':
      return inQueue(() => importDays(historyStore, request.days, localDayKey(Date.now())));
    case 'history:clear':
      await inQueue(() => historyStore.write({}));
      return { ok: true };
  }
}

async function pauseEvent(minutes: number | null | 'tomorrow'): Promise<ScheduleEvent> {
  const now = Date.now();
  if (minutes === 'tomorrow') {
    const { settings } = await loadSnapshot(now);
    return { type: 'user:pause', until: tomorrowStart(now, settings.workingHours) };
  }
  return { type: 'user:pause', until: minutes === null ? null : now + minutes * 60_000 };
}

type Processed = Awaited<ReturnType<typeof dispatch>>;

function resolved(processed: Processed, breakId: number): { ok: boolean } {
  const mode = processed.state.mode;
  return { ok: !(mode.kind === 'due' && mode.breakId === breakId) };
}

/** Start worked if the break is still the pending one and its routine is now running. */
function started(processed: Processed, breakId: number): { ok: boolean } {
  const mode = processed.state.mode;
  return { ok: mode.kind === 'due' && mode.breakId === breakId && mode.startedAt !== null };
}

async function breakView(): Promise<BreakView | null> {
  const now = Date.now();
  const { state, timing, settings, history } = await loadSnapshot(now);
  // The prompt's part follows the same rules the break page uses to paint before this answer.
  const prompt = promptView(state, timing);
  if (prompt === null) return null;
  const taken = breaksTaken(history);
  return {
    ...prompt,
    // With rotation on, each break taken moves to the next routine; and each break taken moves the
    // routine on to its next selection of exercises. Not the break id: a snoozed break comes back
    // under a new id, and must come back with the same routine and the same exercises.
    routineId: routineForBreak(settings.routineRotation, settings.routine, taken),
    routineRound: roundForBreak(settings.routineRotation, taken),
    disabledExercises: [...settings.disabledExercises],
    routineBreakSeconds: settings.breakSeconds,
    today: tallyFor(history, localDayKey(now)),
  };
}
