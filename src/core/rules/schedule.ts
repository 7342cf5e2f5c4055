// The break scheduler: a pure reducer from (state, event, now, timing) to (state, effects).
//
// Time only enters as `now` (epoch ms from the caller's clock), so every rule here can be
// tested with plain numbers, and a restarted worker is just the stored state stepped again.

import type { AskedFrom } from './presentation';
import type { Timing } from './timing';
import { addCountableMs, countableMsBetween } from './working-hours';
import { isFiniteNumber, isPlainObject } from './fields';

export type Activity = 'active' | 'idle' | 'locked';

export type Mode =
  | { kind: 'working' }
  /** A break prompt is pending (or its routine is running, once `startedAt` is set). */
  | {
      kind: 'due';
      breakId: number;
      dueSince: number;
      startedAt: number | null;
      manual: boolean;
      /** Set while the break is held for a call (call.ts): not shown, and shown once the call ends. */
      heldSince: number | null;
      /** Whether this break was held at all: the history counts it once. */
      held: boolean;
    }
  /** `until` null means "until I resume". */
  | { kind: 'paused'; until: number | null };

type DueMode = Extract<Mode, { kind: 'due' }>;

export interface ScheduleState {
  version: 1;
  mode: Mode;
  /** Last state the idle API reported. */
  activity: Activity;
  /** Start of the current idle/locked spell, dated from the last input; null while present. */
  awaySince: number | null;
  /** When the current spell turned into a lock (or a closed browser): from then on nothing counts. */
  lockedSince: number | null;
  /**
   * True once the current spell has counted as a break: recorded as a natural break, or still
   * going on from a routine that completed (that break is the one recorded). Its time never counts.
   */
  awaySpellWasNaturalBreak: boolean;
  /** Since when time has counted without interruption; an away spell is never dated earlier. */
  countingFrom: number;
  /** Active time of this work cycle, accounted up to `settledAt`. */
  cycleActiveMs: number;
  settledAt: number;
  /** After a snooze: the cycle's active time at which the prompt returns. */
  snoozedUntilActiveMs: number | null;
  snoozesInRow: number;
  headsUpSent: boolean;
  nextBreakId: number;
  /** When the single alarm is armed to fire; null when none is armed. */
  alarmAt: number | null;
  /** The latest `now` stepped; a smaller `now` means the clock went backwards. */
  lastSeenAt: number;
  /** What the background found the last time it looked for a call signal (fullscreen, camera, microphone, screen). */
  callSignal: boolean;
  /** "I'm in a call", said in the popup; `callManualUntil` null means until it is ended. */
  callManual: boolean;
  callManualUntil: number | null;
  /** While a break is held: when the call was first found gone (it shows a settle time later). */
  callGoneAt: number | null;
}

export type ScheduleEvent =
  /** The worker or event page (re)started; alarms may need re-arming. */
  | { type: 'worker:started' }
  /** The browser itself started: time since `lastSeenAt` was spent with it closed. */
  | { type: 'browser:started' }
  | { type: 'activity'; activity: Activity }
  | { type: 'alarm' }
  /** Settings or the test-only clock changed; `timing` already holds the new values. */
  | { type: 'timing:changed' }
  /** `askedFrom`: where the person asked (popup, shortcut, notification); absent, the break is placed as a due one. */
  | { type: 'user:break-now'; askedFrom?: AskedFrom | undefined }
  | { type: 'user:start'; breakId: number }
  | { type: 'user:snooze'; breakId: number }
  | { type: 'user:skip'; breakId: number }
  | { type: 'user:complete'; breakId: number }
  /** "I'm in a call" from the popup: `until` null means until it is ended. */
  | { type: 'user:call'; until: number | null }
  | { type: 'user:call-end' }
  /**
   * The break surface was closed before the routine finished: counts as a snooze where a snooze
   * is allowed; in strict mode or past the snooze limit the break shows again.
   */
  | { type: 'user:closed'; breakId: number }
  | { type: 'user:pause'; until: number | null }
  | { type: 'user:resume' };

export type BreakOutcome = 'completed' | 'snoozed' | 'skipped' | 'natural';

export type HistoryRecord =
  | { kind: 'active'; ms: number; at: number }
  | { kind: BreakOutcome | 'held'; at: number };

export type Effect =
  | { type: 'arm-alarm'; at: number }
  | { type: 'clear-alarm' }
  /**
   * `quiet`: a break held for a call to the limit: a notification without sound, never over the
   * screen. `askedFrom`: the break was asked for there, and shows there (see `showsInBrowser`).
   */
  | { type: 'present-break'; breakId: number; quiet: boolean; askedFrom?: AskedFrom | undefined }
  | { type: 'dismiss-break'; breakId: number; outcome: BreakOutcome }
  /** A shown break is held for a call: its surface goes, the break stays pending. */
  | { type: 'withdraw-break'; breakId: number }
  /** `silent` during a call: the heads-up makes no sound. */
  | { type: 'notify-heads-up'; dueAt: number; silent: boolean }
  | { type: 'record'; record: HistoryRecord };

export interface StepResult {
  state: ScheduleState;
  effects: Effect[];
}

/** Prompts that are at most this close count as due now rather than costing another wake-up. */
const DUE_TOLERANCE_MS = 500;

export function initialScheduleState(now: number): ScheduleState {
  return {
    version: 1,
    mode: { kind: 'working' },
    activity: 'active',
    awaySince: null,
    lockedSince: null,
    awaySpellWasNaturalBreak: false,
    countingFrom: now,
    cycleActiveMs: 0,
    settledAt: now,
    snoozedUntilActiveMs: null,
    snoozesInRow: 0,
    headsUpSent: false,
    nextBreakId: 1,
    alarmAt: null,
    lastSeenAt: now,
    callSignal: false,
    callManual: false,
    callManualUntil: null,
    callGoneAt: null,
  };
}

/** The cycle's active time at which the break falls due. */
export function dueThresholdMs(state: ScheduleState, timing: Timing): number {
  return state.snoozedUntilActiveMs ?? timing.workMs;
}

/**
 * Active time of the current cycle at `now`, including a short idle spell still in progress
 * (reading counts as screen time until the spell reaches the natural-break threshold).
 */
export function cycleActiveMsAt(state: ScheduleState, now: number, timing: Timing): number {
  if (state.mode.kind !== 'working') return state.cycleActiveMs;
  return state.cycleActiveMs + unsettledActiveMs(state, now, timing);
}

function unsettledActiveMs(state: ScheduleState, now: number, timing: Timing): number {
  if (state.awaySince === null) return countableMsBetween(state.settledAt, now, timing.workingHours);
  if (state.awaySpellWasNaturalBreak || now - state.awaySince >= timing.naturalBreakMs) return 0;
  const countedUntil = state.lockedSince ?? now;
  return countableMsBetween(state.settledAt, countedUntil, timing.workingHours);
}

/**
 * When the break will fall due if the person keeps working; null when it can't come
 * (paused, already due, locked, or away so long it will be a natural break first).
 */
export function nextBreakAt(state: ScheduleState, now: number, timing: Timing): number | null {
  if (state.mode.kind !== 'working') return null;
  if (state.awaySince !== null) {
    if (state.lockedSince !== null || state.awaySpellWasNaturalBreak) return null;
  }
  const remainingMs = Math.max(0, dueThresholdMs(state, timing) - cycleActiveMsAt(state, now, timing));
  // Outside working hours nothing counts, so the break lands that much later.
  const dueAt = addCountableMs(now, remainingMs, timing.workingHours);
  if (dueAt === null) return null;
  if (state.awaySince !== null && dueAt >= state.awaySince + timing.naturalBreakMs) return null;
  return dueAt;
}

/**
 * `callSignal`: whether the background found a call signal as it woke for this event (call.ts);
 * undefined when it did not look, and the last finding stands.
 */
export function step(previous: ScheduleState, event: ScheduleEvent, now: number, timing: Timing, callSignal?: boolean): StepResult {
  const effects: Effect[] = [];
  let state: ScheduleState = { ...previous, mode: { ...previous.mode } };

  if (now < state.lastSeenAt) state = shiftClock(state, now - state.lastSeenAt);

  // A wake-up long after the alarm we armed means the machine slept, the browser was
  // closed, or the clock jumped forwards: none of that time was spent working.
  if (state.alarmAt !== null && now - state.alarmAt > timing.naturalBreakMs) {
    state = beginAwaySpell(state, state.alarmAt, { locked: true }, timing, effects);
  }
  if (event.type === 'browser:started' && now - state.lastSeenAt > 0) {
    state = beginAwaySpell(state, state.lastSeenAt, { locked: true }, timing, effects);
  }

  // The routine's page died with the browser: it is no longer running, and the time the browser
  // was closed may be a natural break like any other.
  if (event.type === 'browser:started' && state.mode.kind === 'due' && state.mode.startedAt !== null) {
    state = { ...state, mode: { ...state.mode, startedAt: null } };
  }

  state = settle(state, now, timing, effects);

  // Anything the user does in a break surface proves they are at the screen; except the routine's
  // end, which the page reports by itself, with nobody touching anything (a floor routine).
  if (event.type.startsWith('user:') && event.type !== 'user:complete') {
    if (state.awaySince !== null) state = endAwaySpell(state, now, timing, effects);
    state = { ...state, activity: 'active' };
  }
  // A spell we opened ourselves (sleep, closed browser) ends when the person is known to be back.
  if ((event.type === 'alarm' || event.type === 'browser:started') && state.activity === 'active' && state.awaySince !== null) {
    state = endAwaySpell(state, now, timing, effects);
  }

  if (callSignal !== undefined) state = observeCall(state, callSignal, now, timing, effects);

  state = applyEvent(state, event, now, timing, effects);
  state = followCall(state, now, timing, effects);

  state = goDueIfReached(state, now, timing, effects);
  state = sendHeadsUpIfTime(state, now, timing, effects);
  state = planAlarm(state, now, timing, effects, event.type === 'worker:started' || event.type === 'browser:started');
  state.lastSeenAt = now;
  return { state, effects };
}

function applyEvent(state: ScheduleState, event: ScheduleEvent, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  switch (event.type) {
    case 'alarm':
      // A held break is looked at again by followCall.
      return state;
    case 'timing:changed':
      // Time before now was counted by the old rules; an away spell is never dated back into it.
      return { ...state, countingFrom: Math.max(state.countingFrom, now) };
    case 'worker:started':
      return state;
    case 'browser:started':
      // The surface died with the browser: show the still-pending break again.
      if (state.mode.kind === 'due') return presentAgain(state, now, timing, effects);
      return state;
    case 'activity':
      return applyActivity(state, event.activity, now, timing, effects);
    case 'user:break-now':
      if (state.mode.kind === 'due') return presentAgain(state, now, timing, effects, { asked: true, askedFrom: event.askedFrom });
      return enterDue(state, now, true, timing, effects, event.askedFrom);
    case 'user:call':
      return startManualCall(state, event.until, now, timing, effects);
    case 'user:call-end':
      return { ...state, callManual: false, callManualUntil: null };
    case 'user:start':
      if (!isPending(state, event.breakId) || state.mode.startedAt !== null) return state;
      return { ...state, mode: { ...state.mode, startedAt: now } };
    case 'user:snooze':
      if (!isPending(state, event.breakId) || !canSnooze(state, timing)) return state;
      return snooze(state, now, timing, effects);
    case 'user:closed':
      if (!isPending(state, event.breakId)) return state;
      // Strict mode brings it back, unless a call holds it.
      if (!canSnooze(state, timing)) return presentAgain(state, now, timing, effects);
      return snooze(state, now, timing, effects);
    case 'user:skip':
      if (!isPending(state, event.breakId) || timing.strict) return state;
      return resolveAndRestart(state, now, 'skipped', effects);
    case 'user:complete': {
      if (!isPending(state, event.breakId) || state.mode.startedAt === null) return state;
      const completed = resolveAndRestart(state, now, 'completed', effects);
      // A still spell that began during the routine was the break itself: once the routine is
      // done it is neither screen time nor a second (natural) break, however long it lasts.
      return completed.awaySince === null ? completed : { ...completed, awaySpellWasNaturalBreak: true };
    }
    case 'user:pause': {
      let paused = state;
      // Pausing over a pending prompt defers it, like a snooze the user chose to make longer.
      if (paused.mode.kind === 'due') paused = snooze(paused, now, timing, effects);
      return { ...paused, mode: { kind: 'paused', until: event.until }, settledAt: now, countingFrom: now };
    }
    case 'user:resume':
      if (state.mode.kind !== 'paused') return state;
      return resumeWorking(state, now);
  }
}

function applyActivity(state: ScheduleState, activity: Activity, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  const previous = state.activity;
  let next: ScheduleState = { ...state, activity };
  if (activity === 'active') {
    return next.awaySince === null ? next : endAwaySpell(next, now, timing, effects);
  }
  if (activity === 'idle') {
    // A call is presence: sitting still in a meeting is no away spell (one begins if the call ends first).
    if (next.awaySince !== null || previous !== 'active' || inCall(next, now)) return next;
    // The API reports idle one detection interval after the last input.
    const lastInputAt = Math.max(now - timing.idleDetectionMs, next.countingFrom);
    next = beginAwaySpell(next, lastInputAt, { locked: false }, timing, effects);
    return settle(next, now, timing, effects);
  }
  // Locked: away at once, and locked time never counts.
  if (next.awaySince === null) next = beginAwaySpell(next, now, { locked: true }, timing, effects);
  else if (next.lockedSince === null) {
    // The idle part of the spell counts if the spell stays short; settle it up to the lock.
    next = { ...next, lockedSince: now };
  }
  return settle(next, now, timing, effects);
}

/** Opens an away spell from `since`, taking back any time already counted after it. */
function beginAwaySpell(
  state: ScheduleState,
  since: number,
  { locked }: { locked: boolean },
  timing: Timing,
  effects: Effect[],
): ScheduleState {
  if (state.awaySince !== null && state.awaySince <= since) {
    return locked && state.lockedSince === null ? { ...state, lockedSince: since } : state;
  }
  const from = Math.max(since, state.countingFrom);
  const next = { ...state };
  if (next.mode.kind === 'working' && next.settledAt > from) {
    const overcountedMs = Math.min(countableMsBetween(from, next.settledAt, timing.workingHours), next.cycleActiveMs);
    next.cycleActiveMs -= overcountedMs;
    if (overcountedMs > 0) recordActive(effects, -overcountedMs, from);
    next.settledAt = from;
  }
  next.awaySince = from;
  next.lockedSince = locked ? from : null;
  next.awaySpellWasNaturalBreak = false;
  return next;
}

/** Closes the away spell at `now`: a short one counts (its unlocked part), a long one was a natural break. */
function endAwaySpell(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  let next = settle(state, now, timing, effects);
  if (next.awaySince === null) return next;
  if (!next.awaySpellWasNaturalBreak && next.mode.kind === 'working') {
    const countedUntil = next.lockedSince ?? now;
    const spellActiveMs = countableMsBetween(next.settledAt, countedUntil, timing.workingHours);
    if (spellActiveMs > 0) {
      next.cycleActiveMs += spellActiveMs;
      recordActive(effects, spellActiveMs, now);
    }
  }
  next = { ...next, awaySince: null, lockedSince: null, awaySpellWasNaturalBreak: false, settledAt: now, countingFrom: now };
  return next;
}

/**
 * Accounts the time since `settledAt`. Present time counts while working; an away spell's
 * time stays unsettled until the spell ends; a spell reaching the threshold is a natural break.
 */
function settle(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  let next = { ...state };
  if (next.awaySince !== null && !next.awaySpellWasNaturalBreak && !routineRunning(next) && now - next.awaySince >= timing.naturalBreakMs) {
    next = naturalBreak(next, now, effects);
  }
  if (next.mode.kind === 'working' && next.awaySince !== null && !next.awaySpellWasNaturalBreak) {
    // Short spell in progress: settle only the present time before it began.
    if (next.settledAt >= next.awaySince) return next;
    const ms = countableMsBetween(next.settledAt, next.awaySince, timing.workingHours);
    recordActive(effects, ms, now);
    return { ...next, cycleActiveMs: next.cycleActiveMs + ms, settledAt: next.awaySince };
  }
  if (next.mode.kind === 'working' && next.awaySince === null) {
    const ms = countableMsBetween(next.settledAt, now, timing.workingHours);
    if (ms > 0) recordActive(effects, ms, now);
    next.cycleActiveMs += ms;
  }
  return { ...next, settledAt: Math.max(next.settledAt, now) };
}

function naturalBreak(state: ScheduleState, now: number, effects: Effect[]): ScheduleState {
  const spellStart = state.awaySince ?? now;
  if (state.mode.kind === 'paused') return { ...state, awaySpellWasNaturalBreak: true };
  endBreak(state, 'natural', spellStart, effects);
  return {
    ...restartCycle(state, now),
    awaySince: state.awaySince,
    lockedSince: state.lockedSince,
    awaySpellWasNaturalBreak: true,
  };
}

/** Active time for the day of `at` (negative: time counted too early, taken back). */
function recordActive(effects: Effect[], ms: number, at: number): void {
  effects.push({ type: 'record', record: { kind: 'active', ms, at } });
}

/** The outcome goes into the history; a pending prompt is taken down with it (a paused or working cycle has none). */
function endBreak(state: ScheduleState, outcome: BreakOutcome, at: number, effects: Effect[]): void {
  if (state.mode.kind === 'due') effects.push({ type: 'dismiss-break', breakId: state.mode.breakId, outcome });
  effects.push({ type: 'record', record: { kind: outcome, at } });
}

function restartCycle(state: ScheduleState, now: number): ScheduleState {
  return {
    ...state,
    mode: { kind: 'working' },
    cycleActiveMs: 0,
    snoozedUntilActiveMs: null,
    snoozesInRow: 0,
    headsUpSent: false,
    settledAt: now,
    countingFrom: now,
  };
}

function resumeWorking(state: ScheduleState, now: number): ScheduleState {
  return { ...state, mode: { kind: 'working' }, settledAt: now, countingFrom: now };
}

/**
 * Whether the break's routine is playing: a still spell then is the person stretching (a floor
 * routine has nobody at the keyboard), never a natural break.
 */
function routineRunning(state: ScheduleState): boolean {
  return state.mode.kind === 'due' && state.mode.startedAt !== null;
}

function isPending(state: ScheduleState, breakId: number): state is ScheduleState & { mode: DueMode } {
  return state.mode.kind === 'due' && state.mode.breakId === breakId;
}

/** Whether the pending prompt may still be snoozed (strict mode and the snooze limit say no). */
export function canSnooze(state: ScheduleState, timing: Timing): boolean {
  return !timing.strict && state.snoozesInRow < timing.maxSnoozesInRow;
}

/** Shows the pending prompt again; asked for by the user, it shows at once (call or not) where it was asked for. */
function presentAgain(
  state: ScheduleState,
  now: number,
  timing: Timing,
  effects: Effect[],
  { asked, askedFrom }: { asked: boolean; askedFrom?: AskedFrom | undefined } = { asked: false },
): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  if (asked) {
    effects.push({ type: 'present-break', breakId: state.mode.breakId, quiet: false, askedFrom });
    return { ...state, mode: { ...state.mode, heldSince: null }, callGoneAt: null };
  }
  // A held break stays held: followCall shows it when the call has ended.
  if (state.mode.heldSince !== null) return state;
  return presentOrHold(state, now, timing, effects);
}

function enterDue(state: ScheduleState, now: number, manual: boolean, timing: Timing, effects: Effect[], askedFrom?: AskedFrom): ScheduleState {
  const breakId = state.nextBreakId;
  const due: ScheduleState = {
    ...state,
    mode: { kind: 'due', breakId, dueSince: now, startedAt: null, manual, heldSince: null, held: false },
    nextBreakId: breakId + 1,
    settledAt: now,
    countingFrom: now,
  };
  // Asked for by the user, it shows at once; a scheduled one is held while a call goes on.
  if (manual) {
    effects.push({ type: 'present-break', breakId, quiet: false, askedFrom });
    return due;
  }
  return presentOrHold(due, now, timing, effects);
}

function snooze(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  endBreak(state, 'snoozed', now, effects);
  return {
    ...resumeWorking(state, now),
    snoozedUntilActiveMs: state.cycleActiveMs + timing.snoozeMs,
    snoozesInRow: state.snoozesInRow + 1,
  };
}

function resolveAndRestart(state: ScheduleState, now: number, outcome: 'completed' | 'skipped', effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  endBreak(state, outcome, now, effects);
  return restartCycle(state, now);
}

function goDueIfReached(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'working') return state;
  const activeMs = cycleActiveMsAt(state, now, timing);
  if (activeMs + DUE_TOLERANCE_MS < dueThresholdMs(state, timing)) return state;
  // Fold the counted part of a short idle spell in, so the cycle total is exact when it ends.
  const unsettledMs = activeMs - state.cycleActiveMs;
  if (unsettledMs > 0) recordActive(effects, unsettledMs, now);
  const settled = { ...state, cycleActiveMs: activeMs };
  return enterDue(settled, now, false, timing, effects);
}

function headsUpAt(state: ScheduleState, now: number, timing: Timing): number | null {
  // Nobody to warn while away, and the warning would cost the spell a third wake-up.
  if (timing.headsUpMs <= 0 || state.headsUpSent || state.snoozesInRow > 0 || state.awaySince !== null) return null;
  const dueAt = nextBreakAt(state, now, timing);
  return dueAt === null ? null : dueAt - timing.headsUpMs;
}

function sendHeadsUpIfTime(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  const at = headsUpAt(state, now, timing);
  if (at === null || now < at) return state;
  // Only when the alarm we armed for it fires, not when a settings change lands us inside the window.
  if (state.alarmAt === null || state.alarmAt > now) return { ...state, headsUpSent: true };
  const dueAt = nextBreakAt(state, now, timing);
  if (dueAt !== null) effects.push({ type: 'notify-heads-up', dueAt, silent: inCall(state, now) });
  return { ...state, headsUpSent: true };
}

/** The next moment the scheduler must look again: the end of a pause, the heads-up, or the break. */
export function nextWakeAt(state: ScheduleState, now: number, timing: Timing): number | null {
  if (state.mode.kind === 'paused') return state.mode.until;
  if (state.mode.kind === 'due') return state.mode.heldSince === null ? null : holdRecheckAt(state, now, timing);
  const headsUp = headsUpAt(state, now, timing);
  if (headsUp !== null && headsUp > now) return headsUp;
  return nextBreakAt(state, now, timing);
}

function planAlarm(state: ScheduleState, now: number, timing: Timing, effects: Effect[], force: boolean): ScheduleState {
  let wakeAt = nextWakeAt(state, now, timing);
  if (state.mode.kind === 'paused' && wakeAt !== null && wakeAt <= now) {
    // A pause that has run out ends here rather than waiting for yet another wake-up.
    return planAlarm(resumeWorking(state, now), now, timing, effects, force);
  }
  if (wakeAt !== null) wakeAt = Math.max(wakeAt, now);
  if (!force && wakeAt === state.alarmAt) return state;
  effects.push(wakeAt === null ? { type: 'clear-alarm' } : { type: 'arm-alarm', at: wakeAt });
  return { ...state, alarmAt: wakeAt };
}

// --- Calls: presence, not absence (signals: call.ts) -----------------------------------------
//
// While a call signal is present active time keeps counting, an idle spell is no away spell, and
// a due break is held: not shown, never skipped, the cycle not reset. It shows a settle time after
// the call ends, or, when the call outlasts `callHoldMs` after the break fell due, quietly.

/** Whether a call signal is present at `now`: one the background found, or the person's own word. */
export function inCall(state: ScheduleState, now: number): boolean {
  return state.callSignal || manualCallOn(state, now);
}

/** The pending break was held and the call goes on: it may be offered only quietly (a notification without sound). */
export function heldInCall(state: ScheduleState, now: number): boolean {
  return state.mode.kind === 'due' && state.mode.held && inCall(state, now);
}

function manualCallOn(state: ScheduleState, now: number): boolean {
  return state.callManual && (state.callManualUntil === null || now < state.callManualUntil);
}

/** The background looked for a call: one found during a short idle spell makes the spell presence. */
function observeCall(state: ScheduleState, present: boolean, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  const next = { ...state, callSignal: present };
  if (!present || next.awaySince === null || next.lockedSince !== null || next.awaySpellWasNaturalBreak) return next;
  return endAwaySpell(next, now, timing, effects);
}

function startManualCall(state: ScheduleState, until: number | null, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  const next: ScheduleState = { ...state, callManual: true, callManualUntil: until, callGoneAt: null };
  const mode = next.mode;
  // A break on screen whose routine has not begun goes away and waits for the call to end.
  if (mode.kind !== 'due' || mode.heldSince !== null || mode.startedAt !== null || !mayHoldUntil(mode, now, timing)) return next;
  effects.push({ type: 'withdraw-break', breakId: mode.breakId });
  return hold(next, now, effects);
}

/** Whether the pending break may still be held: holding is on and the limit not reached. */
function mayHoldUntil(mode: DueMode, now: number, timing: Timing): boolean {
  return timing.callHoldMs > 0 && now + DUE_TOLERANCE_MS < mode.dueSince + timing.callHoldMs;
}

function hold(state: ScheduleState, now: number, effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  // Counted once per break, however often it is looked at again.
  if (!state.mode.held) effects.push({ type: 'record', record: { kind: 'held', at: now } });
  return { ...state, mode: { ...state.mode, heldSince: state.mode.heldSince ?? now, held: true }, callGoneAt: null };
}

function show(state: ScheduleState, quiet: boolean, effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  effects.push({ type: 'present-break', breakId: state.mode.breakId, quiet });
  return { ...state, mode: { ...state.mode, heldSince: null }, callGoneAt: null };
}

/**
 * Every path that shows a scheduled break comes here (due, snooze end, strict mode, a closed
 * surface, a browser start): a call holds it. One the person asked for shows at once.
 */
function presentOrHold(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  if (state.mode.kind !== 'due') return state;
  if (state.mode.manual) return show(state, false, effects);
  const calling = timing.callHoldMs > 0 && inCall(state, now);
  if (calling && mayHoldUntil(state.mode, now, timing)) return hold(state, now, effects);
  // Past the limit in a call: the quietest surface, nothing a screen share would show.
  return show(state, calling, effects);
}

/** After every event: a manual call running out, an idle person left when the call ends, a held break's release. */
function followCall(state: ScheduleState, now: number, timing: Timing, effects: Effect[]): ScheduleState {
  let next = state;
  let endedAt = now;
  if (next.callManual && next.callManualUntil !== null && now >= next.callManualUntil) {
    endedAt = next.callManualUntil;
    next = { ...next, callManual: false, callManualUntil: null };
  }
  const calling = inCall(next, now);
  if (calling && next.callGoneAt !== null) next = { ...next, callGoneAt: null };
  if (!calling && next.activity === 'idle' && next.awaySince === null) {
    // Sitting still was presence while the call lasted; from its end it is an away spell.
    next = settle(beginAwaySpell(next, endedAt, { locked: false }, timing, effects), now, timing, effects);
  }
  if (next.mode.kind !== 'due' || next.mode.heldSince === null) return next;
  if (!mayHoldUntil(next.mode, now, timing)) return show(next, calling, effects);
  if (calling) return next;
  const goneAt = next.callGoneAt ?? Math.max(endedAt, next.mode.heldSince);
  if (now + DUE_TOLERANCE_MS < goneAt + timing.callSettleMs) return { ...next, callGoneAt: goneAt };
  return show(next, false, effects);
}

/** When a held break looks again: a settle time after the call was found gone, a minute from now, or at the limit. */
function holdRecheckAt(state: ScheduleState, now: number, timing: Timing): number | null {
  if (state.mode.kind !== 'due') return null;
  const limit = state.mode.dueSince + timing.callHoldMs;
  let at: number;
  if (state.callGoneAt !== null) at = state.callGoneAt + timing.callSettleMs;
  // The person's word needs no looking until it runs out (or they end it, which wakes us anyway).
  else if (manualCallOn(state, now)) at = state.callManualUntil === null ? limit : state.callManualUntil + timing.callSettleMs;
  else at = now + timing.callSettleMs;
  return Math.min(at, limit);
}

/** The clock moved by `deltaMs` without time passing: move every wall-time anchor with it. */
function shiftClock(state: ScheduleState, deltaMs: number): ScheduleState {
  const shift = (t: number) => t + deltaMs;
  const shiftOrNull = (t: number | null) => (t === null ? null : t + deltaMs);
  let mode: Mode = state.mode;
  if (mode.kind === 'due') {
    mode = { ...mode, dueSince: shift(mode.dueSince), startedAt: shiftOrNull(mode.startedAt), heldSince: shiftOrNull(mode.heldSince) };
  }
  if (mode.kind === 'paused') mode = { ...mode, until: shiftOrNull(mode.until) };
  return {
    ...state,
    mode,
    awaySince: shiftOrNull(state.awaySince),
    lockedSince: shiftOrNull(state.lockedSince),
    countingFrom: shift(state.countingFrom),
    settledAt: shift(state.settledAt),
    alarmAt: shiftOrNull(state.alarmAt),
    lastSeenAt: shift(state.lastSeenAt),
    callManualUntil: shiftOrNull(state.callManualUntil),
    callGoneAt: shiftOrNull(state.callGoneAt),
  };
}

/**
 * Reads a stored state. Anything that isn't a well-formed state (corrupt storage, a future
 * version) starts afresh rather than scheduling from garbage.
 */
export function readScheduleState(stored: unknown, now: number): ScheduleState {
  const upgraded = withCallFields(stored);
  if (!isScheduleState(upgraded)) return initialScheduleState(now);
  return upgraded;
}

/**
 * A state stored before calls held breaks: no call fields, and a break waiting for a fullscreen
 * window had `deferredAt`. It goes on as a break held for a call.
 */
function withCallFields(stored: unknown): unknown {
  if (!isPlainObject(stored) || 'callSignal' in stored) return stored;
  let mode = stored.mode;
  if (isPlainObject(mode) && mode.kind === 'due' && 'deferredAt' in mode) {
    const { deferredAt, ...rest } = mode;
    const heldSince = isFiniteNumber(deferredAt) ? deferredAt : null;
    mode = { ...rest, heldSince, held: heldSince !== null };
  }
  return { ...stored, mode, callSignal: heldSinceOf(mode) !== null, callManual: false, callManualUntil: null, callGoneAt: null };
}

function heldSinceOf(mode: unknown): unknown {
  return isPlainObject(mode) ? (mode.heldSince ?? null) : null;
}

type Check = (v: unknown) => boolean;
/** A check for every field of `T`: a field added to the type and not to its checks fails to compile. */
type FieldChecks<T> = { [K in keyof T]-?: Check };

function hasFields<T>(v: unknown, checks: FieldChecks<T>): v is T {
  return isPlainObject(v) && Object.entries<Check>(checks).every(([key, check]) => check(v[key]));
}

const isNumberOrNull: Check = (v) => v === null || isFiniteNumber(v);
const isBoolean: Check = (v) => typeof v === 'boolean';

const MODE_CHECKS: { [K in Mode['kind']]: FieldChecks<Extract<Mode, { kind: K }>> } = {
  working: { kind: (v) => v === 'working' },
  due: {
    kind: (v) => v === 'due',
    breakId: isFiniteNumber,
    dueSince: isFiniteNumber,
    startedAt: isNumberOrNull,
    manual: isBoolean,
    heldSince: isNumberOrNull,
    held: isBoolean,
  },
  paused: { kind: (v) => v === 'paused', until: isNumberOrNull },
};

const STATE_CHECKS: FieldChecks<ScheduleState> = {
  version: (v) => v === 1,
  mode: (v) => Object.values<FieldChecks<Mode>>(MODE_CHECKS).some((checks) => hasFields(v, checks)),
  activity: (v) => v === 'active' || v === 'idle' || v === 'locked',
  awaySince: isNumberOrNull,
  lockedSince: isNumberOrNull,
  awaySpellWasNaturalBreak: isBoolean,
  countingFrom: isFiniteNumber,
  cycleActiveMs: (v) => isFiniteNumber(v) && (v as number) >= 0,
  settledAt: isFiniteNumber,
  snoozedUntilActiveMs: isNumberOrNull,
  snoozesInRow: isFiniteNumber,
  headsUpSent: isBoolean,
  nextBreakId: isFiniteNumber,
  alarmAt: isNumberOrNull,
  lastSeenAt: isFiniteNumber,
  callSignal: isBoolean,
  callManual: isBoolean,
  callManualUntil: isNumberOrNull,
  callGoneAt: isNumberOrNull,
};

export function isScheduleState(v: unknown): v is ScheduleState {
  return hasFields<ScheduleState>(v, STATE_CHECKS);
}
