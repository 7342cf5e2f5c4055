// The stretch routines (Desk, Floor) and the builder that times one to fill a break exactly.
import { EXERCISES, type ExerciseId, type ExerciseVariant } from './exercises';

export const ROUTINE_IDS = ['desk', 'floor'] as const;
export type RoutineId = (typeof ROUTINE_IDS)[number];

export type Side = 'left' | 'right';

export type RoutineStep =
  | {
      kind: 'exercise';
      exerciseId: ExerciseId;
      side: Side | null;
      seconds: number;
      /** Present only for exercises with several set-ups (thoracic extension: chair or floor). */
      variant?: ExerciseVariant;
    }
  | { kind: 'transition'; cue: 'get-ready' | 'switch-sides'; nextExerciseId: ExerciseId; seconds: number };

export interface RoutineEntry {
  exerciseId: ExerciseId;
  variant?: ExerciseVariant;
}

/** In order of priority: a short break keeps the first ones. */
export const ROUTINES: Readonly<Record<RoutineId, readonly Readonly<RoutineEntry>[]>> = /* @__PURE__ */ Object.freeze({
  // Seated or standing only: fits an office.
  desk: [
    { exerciseId: 'posture-reset' },
    { exerciseId: 'cross-body-shoulder' },
    // The key anti-hunch move: ahead of the doorway stretch, which needs a door and goes first when time is short.
    { exerciseId: 'thoracic-extension', variant: 'seated' },
    { exerciseId: 'doorway-pec' },
  ],
  floor: [
    { exerciseId: 'cat-cow' },
    { exerciseId: 'childs-pose-side' },
    { exerciseId: 'thread-needle' },
    { exerciseId: 'thoracic-extension', variant: 'floor' },
  ],
});

/** The break lengths a routine can fill; the settings' range for `breakSeconds` is this one. */
export const BREAK_SECONDS_MIN = 60;
export const BREAK_SECONDS_MAX = 600;

/** A hold aims at 30 s and never leaves 15–45 s: long breaks add rounds, short ones drop exercises. */
export const HOLD_TARGET_SECONDS = 30;
export const HOLD_MIN_SECONDS = 15;
export const HOLD_MAX_SECONDS = 45;

/** Before every exercise, the first one included. */
export const GET_READY_SECONDS = 5;
/** Between the two sides of a sided exercise; one of them may get 1 s more to make the total exact. */
export const SWITCH_SIDES_SECONDS = 3;

export function isRoutineId(v: unknown): v is RoutineId {
  return typeof v === 'string' && (ROUTINE_IDS as readonly string[]).includes(v);
}

/**
 * The steps of one break, lasting exactly `breakSeconds`.
 *
 * The routine's enabled exercises are repeated in rounds (or cut short) to whichever count
 * puts the average hold closest to 30 s while keeping every hold within 15–45 s. Disabled
 * exercises are left out; if that empties the routine, the other routine's enabled exercises
 * stand in; if all exercises are disabled, `disabled` is ignored.
 */
export function buildRoutine(
  routineId: RoutineId,
  breakSeconds: number,
  disabled: readonly ExerciseId[] = [],
): RoutineStep[] {
  if (!isRoutineId(routineId)) {
    throw new RangeError(`Unknown routine ${JSON.stringify(routineId)}; expected one of ${ROUTINE_IDS.join(', ')}.`);
  }
  if (!Number.isInteger(breakSeconds) || breakSeconds < BREAK_SECONDS_MIN || breakSeconds > BREAK_SECONDS_MAX) {
    throw new RangeError(
      `breakSeconds must be a whole number from ${BREAK_SECONDS_MIN} to ${BREAK_SECONDS_MAX}, got ${String(breakSeconds)}.`,
    );
  }
  const slots = enabledSlots(routineId, disabled);
  return layOut(slots, bestOccurrenceCount(slots, breakSeconds), breakSeconds);
}

export function routineTotalSeconds(steps: readonly RoutineStep[]): number {
  return steps.reduce((sum, step) => sum + step.seconds, 0);
}

/** `fixed`: always `chosen`. `rotate`: desk, floor, desk, … by the number of breaks taken so far. */
export function routineForBreak(rotation: 'fixed' | 'rotate', chosen: RoutineId, breakCount: number): RoutineId {
  if (rotation !== 'rotate') return chosen;
  // A corrupt counter must not cost the user their break: treat it as 0.
  const count = Number.isFinite(breakCount) ? Math.floor(breakCount) : 0;
  const n = ROUTINE_IDS.length;
  return ROUTINE_IDS[((count % n) + n) % n] as RoutineId;
}

/** A routine entry with what the builder needs to know about it, worked out once. */
interface Slot extends Readonly<RoutineEntry> {
  readonly sided: boolean;
  /** Seconds of transitions this exercise brings: get-ready, plus switch-sides if sided. */
  readonly transitionSeconds: number;
  readonly holds: 1 | 2;
}

function slotOf(entry: Readonly<RoutineEntry>): Slot {
  const sided = EXERCISES[entry.exerciseId].sided;
  return sided
    ? { ...entry, sided, transitionSeconds: GET_READY_SECONDS + SWITCH_SIDES_SECONDS, holds: 2 }
    : { ...entry, sided, transitionSeconds: GET_READY_SECONDS, holds: 1 };
}

// Built on first use, so a bundle that never builds a routine (the worker) carries none of it.
let slots: Readonly<Record<RoutineId, readonly Slot[]>> | undefined;

function slotsOf(routineId: RoutineId): readonly Slot[] {
  slots ??= { desk: ROUTINES.desk.map(slotOf), floor: ROUTINES.floor.map(slotOf) };
  return slots[routineId];
}

function enabledSlots(routineId: RoutineId, disabled: readonly ExerciseId[]): readonly Slot[] {
  if (disabled.length === 0) return slotsOf(routineId);
  const own = slotsOf(routineId).filter((s) => !disabled.includes(s.exerciseId));
  if (own.length > 0) return own;
  const otherId: RoutineId = routineId === 'desk' ? 'floor' : 'desk';
  const other = slotsOf(otherId).filter((s) => !disabled.includes(s.exerciseId));
  // The two routines together hold every exercise, so empty here means all are disabled.
  return other.length > 0 ? other : slotsOf(routineId);
}

/**
 * How many exercise occurrences (cycling through `slots`) to fit in the break: the count whose
 * average hold is within bounds and closest to the target; on a tie, the one with more variety.
 */
function bestOccurrenceCount(slots: readonly Slot[], breakSeconds: number): number {
  let transitions = 0;
  let holds = 0;
  let bestCount = 1;
  let bestInBounds = false;
  let bestDistance = Infinity;
  for (let count = 1; ; count++) {
    const slot = slots[(count - 1) % slots.length] as Slot;
    transitions += slot.transitionSeconds;
    holds += slot.holds;
    const average = (breakSeconds - transitions) / holds;
    if (average < 1) break; // no room for even 1 s holds
    const inBounds = average >= HOLD_MIN_SECONDS && average <= HOLD_MAX_SECONDS;
    const distance = Math.abs(average - HOLD_TARGET_SECONDS);
    if ((inBounds && !bestInBounds) || (inBounds === bestInBounds && distance <= bestDistance)) {
      bestCount = count;
      bestInBounds = inBounds;
      bestDistance = distance;
    }
    // Averages only fall from here on; once below the minimum nothing better can come.
    if (average < HOLD_MIN_SECONDS && bestInBounds) break;
  }
  return bestCount;
}

/**
 * Turns the first `count` occurrences of the cycled `slots` into steps. Holds share what the
 * transitions leave: each gets the same whole number of seconds, and the leftover seconds go one
 * each to the earliest single holds and two each (one per side) to the earliest sided pairs. If
 * only sided pairs are left to take an odd leftover second, the first switch-sides takes it.
 */
function layOut(slots: readonly Slot[], count: number, breakSeconds: number): RoutineStep[] {
  let transitions = 0;
  let singles = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const slot = slots[i % slots.length] as Slot;
    transitions += slot.transitionSeconds;
    if (slot.sided) pairs++;
    else singles++;
  }
  const holds = singles + 2 * pairs;
  const holdSeconds = breakSeconds - transitions;
  const base = Math.floor(holdSeconds / holds);
  const leftover = holdSeconds - base * holds; // 0 ≤ leftover < holds
  let singlesExtra = Math.min(leftover, singles);
  let rest = leftover - singlesExtra;
  let switchExtra = 0;
  if (rest % 2 === 1) {
    if (singlesExtra > 0) {
      singlesExtra--;
      rest++;
    } else {
      switchExtra = 1;
      rest--;
    }
  }
  const pairsExtra = rest / 2;

  const steps: RoutineStep[] = [];
  let single = 0;
  let pair = 0;
  for (let i = 0; i < count; i++) {
    const { exerciseId, variant, sided } = slots[i % slots.length] as Slot;
    steps.push({ kind: 'transition', cue: 'get-ready', nextExerciseId: exerciseId, seconds: GET_READY_SECONDS });
    if (!sided) {
      steps.push(hold(exerciseId, null, base + (single++ < singlesExtra ? 1 : 0), variant));
      continue;
    }
    const seconds = base + (pair < pairsExtra ? 1 : 0);
    const switchSeconds = SWITCH_SIDES_SECONDS + (pair === 0 ? switchExtra : 0);
    pair++;
    steps.push(
      hold(exerciseId, 'left', seconds, variant),
      { kind: 'transition', cue: 'switch-sides', nextExerciseId: exerciseId, seconds: switchSeconds },
      hold(exerciseId, 'right', seconds, variant),
    );
  }
  return steps;
}

function hold(exerciseId: ExerciseId, side: Side | null, seconds: number, variant: ExerciseVariant | undefined): RoutineStep {
  return variant === undefined
    ? { kind: 'exercise', exerciseId, side, seconds }
    : { kind: 'exercise', exerciseId, side, seconds, variant };
}
