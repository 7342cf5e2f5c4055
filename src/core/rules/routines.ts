// The stretch routines (Desk, Floor) and the builder that picks, for each break, which of their
// exercises it plays and times them to fill the break exactly.
import { EXERCISES, placementOf, type ExerciseId, type ExerciseVariant } from './exercises';

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
  /** `get-on-mat`: the get-ready before a break's first exercise when that one is done on the floor. */
  | { kind: 'transition'; cue: 'get-ready' | 'get-on-mat' | 'switch-sides'; nextExerciseId: ExerciseId; seconds: number };

export interface RoutineEntry {
  exerciseId: ExerciseId;
  variant?: ExerciseVariant;
}

/** In the order a break plays them; successive breaks walk on through this list (see `routineCycle`). */
export const ROUTINES: Readonly<Record<RoutineId, readonly Readonly<RoutineEntry>[]>> = /* @__PURE__ */ Object.freeze({
  // Seated or standing only: fits an office.
  desk: [
    { exerciseId: 'posture-reset' },
    { exerciseId: 'cross-body-shoulder' },
    // The key anti-hunch move: ahead of the doorway stretch (which needs a door), so a break's first run has it.
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

/** Holds aim at 30 s (the seed's hold) and stay within 25–40 s wherever the break length allows it. */
export const HOLD_TARGET_SECONDS = 30;
export const HOLD_MIN_SECONDS = 25;
export const HOLD_MAX_SECONDS = 40;

/** Before every exercise, the first one included. */
export const GET_READY_SECONDS = 5;
/** Before a break's first exercise when it is done on the floor: time to get down on the mat. */
export const GET_ON_MAT_SECONDS = 10;
/** Between the two sides of a sided exercise; one of them may get 1 s more to make the total exact. */
export const SWITCH_SIDES_SECONDS = 3;

export function isRoutineId(v: unknown): v is RoutineId {
  return typeof v === 'string' && (ROUTINE_IDS as readonly string[]).includes(v);
}

/**
 * The steps of one break, lasting exactly `breakSeconds`: the break `round` of the routine's
 * cycle (see `routineCycle`; `round` counts the breaks completed with this routine, and wraps).
 */
export function buildRoutine(
  routineId: RoutineId,
  breakSeconds: number,
  disabled: readonly ExerciseId[] = [],
  round = 0,
): RoutineStep[] {
  const cycle = routineCycle(routineId, breakSeconds, disabled);
  const index = Number.isFinite(round) ? Math.floor(round) : 0;
  return cycle[((index % cycle.length) + cycle.length) % cycle.length] as RoutineStep[];
}

/**
 * The breaks a routine takes turns with, in order: K breaks, each lasting exactly `breakSeconds`,
 * that between them play every enabled exercise of the routine at least once. Played over and
 * over, every K consecutive breaks play every exercise.
 *
 * How: the routine's enabled exercises stand in a ring (routine order). Each break plays a run
 * of consecutive exercises of the ring, both sides of a sided one, and the next break goes on
 * from where it stopped; a long break goes round the ring more than once. The cycle is the
 * fewest such runs, from any exercise (the first on a tie), that get round the ring once, each
 * run with every hold within 25–40 s; among those, the one whose average holds are nearest 30 s.
 * Each exercise opens with a 5 s get-ready; a break whose first exercise is done on the floor
 * opens with 10 s to get down on the mat instead (`get-on-mat`).
 *
 * Where no cycle of such runs keeps holds within 25–40 s, a break may instead play one exercise
 * in several sets (thoracic extension twice, when it and the cross-body stretch are all that is
 * left of Desk at 60 s). Where nothing keeps them within 25–40 s (e.g. Floor at 60 s: one
 * exercise leaves 50 s holds, two leave 22 s), the bounds widen by as few seconds as it takes on
 * both sides (24–41, 23–42, …) until a cycle exists, and the rest of the rule stays.
 * tests/unit/core/routines.test.ts states the bounds this reaches between 60 and 600 s.
 *
 * Disabled exercises are left out; if that empties the routine, the other routine's enabled
 * exercises stand in; if all exercises are disabled, `disabled` is ignored.
 */
export function routineCycle(routineId: RoutineId, breakSeconds: number, disabled: readonly ExerciseId[] = []): RoutineStep[][] {
  if (!isRoutineId(routineId)) {
    throw new RangeError(`Unknown routine ${JSON.stringify(routineId)}; expected one of ${ROUTINE_IDS.join(', ')}.`);
  }
  if (!Number.isInteger(breakSeconds) || breakSeconds < BREAK_SECONDS_MIN || breakSeconds > BREAK_SECONDS_MAX) {
    throw new RangeError(
      `breakSeconds must be a whole number from ${BREAK_SECONDS_MIN} to ${BREAK_SECONDS_MAX}, got ${String(breakSeconds)}.`,
    );
  }
  return planCycle(enabledSlots(routineId, disabled), breakSeconds);
}

export function routineTotalSeconds(steps: readonly RoutineStep[]): number {
  return steps.reduce((sum, step) => sum + step.seconds, 0);
}

/** A corrupt counter must not cost the user their break: treat it as 0. */
function countOf(breakCount: number): number {
  return Number.isFinite(breakCount) ? Math.max(0, Math.floor(breakCount)) : 0;
}

/** `fixed`: always `chosen`. `rotate`: desk, floor, desk, … by the number of breaks taken so far. */
export function routineForBreak(rotation: 'fixed' | 'rotate', chosen: RoutineId, breakCount: number): RoutineId {
  if (rotation !== 'rotate') return chosen;
  return ROUTINE_IDS[countOf(breakCount) % ROUTINE_IDS.length] as RoutineId;
}

/**
 * Which of its routine's breaks the next break is (the `round` of `buildRoutine`), from the
 * number of breaks taken so far: each completed break moves it on; a snooze or a skip does not.
 * With rotation on, each routine gets every other break, so each moves on every other break.
 */
export function roundForBreak(rotation: 'fixed' | 'rotate', breakCount: number): number {
  const count = countOf(breakCount);
  return rotation === 'rotate' ? Math.floor(count / ROUTINE_IDS.length) : count;
}

/** A routine entry with what the builder needs to know about it, worked out once. */
interface Slot extends Readonly<RoutineEntry> {
  readonly sided: boolean;
  readonly onFloor: boolean;
}

function slotOf(entry: Readonly<RoutineEntry>): Slot {
  return { ...entry, sided: EXERCISES[entry.exerciseId].sided, onFloor: placementOf(entry.exerciseId, entry.variant).floor };
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

/** One candidate break: a run of the ring, and how well its holds would fit. */
interface Run {
  readonly start: number;
  /** Places of the ring it goes past: `sets` times the exercise at `start` if `sets` > 1. */
  readonly length: number;
  readonly sets: number;
  /** Seconds by which the shortest or longest hold leaves 25–40 s; 0 when all are inside. */
  readonly miss: number;
  /** How far the average hold is from 30 s. */
  readonly deviation: number;
}

/** The cycle for this ring and break length (see `routineCycle`). */
function planCycle(ring: readonly Slot[], breakSeconds: number): RoutineStep[][] {
  const n = ring.length;
  // runs[place]: every run from that place in the ring that leaves holds of at least 1 s.
  const runs: Run[][] = [];
  for (let start = 0; start < n; start++) runs.push(runsFrom(ring, start, breakSeconds));
  // The same with runs of one exercise in several sets: only where plain runs can't do as well.
  const withSets = runs.map((fromHere, start) => [...fromHere, ...setsFrom(ring, start, breakSeconds)]);
  const misses = [...new Set(withSets.flat().map((run) => run.miss))].sort((a, b) => a - b);
  // The smallest miss with a cycle (a larger one allows more runs, so this is a binary search).
  // At the largest, every run is allowed and every place has one (one exercise alone always
  // leaves holds of at least 1 s), so there is always a cycle.
  let low = 0;
  let high = misses.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bestPlan(withSets, misses[middle] as number)) high = middle;
    else low = middle + 1;
  }
  const allowed = misses[low] as number;
  const best = (bestPlan(runs, allowed) ?? bestPlan(withSets, allowed)) as Plan;
  const cycle: RoutineStep[][] = [];
  for (let at: Plan | null = best; at; at = at.rest) cycle.push(layOut(ring, at.first, breakSeconds));
  return cycle;
}

/** The best way round from any start; on a tie the earlier start wins, so a break at the default length begins at the routine's start. */
function bestPlan(runs: readonly (readonly Run[])[], allowed: number): Plan | null {
  let best: Plan | null = null;
  for (let start = 0; start < runs.length; start++) {
    const plan = fewestRuns(runs, start, allowed);
    if (plan && (!best || plan.count < best.count || (plan.count === best.count && plan.deviation < best.deviation - 1e-9))) best = plan;
  }
  return best;
}

/** A way round the ring: its first run, then the rest of the way. */
interface Plan {
  count: number;
  deviation: number;
  first: Run;
  rest: Plan | null;
}

/**
 * The fewest runs with a miss of at most `allowed` that, one after the other from `start`, get
 * round the ring once; among equally few, the smallest total deviation. Null if there are none.
 */
function fewestRuns(runs: readonly (readonly Run[])[], start: number, allowed: number): Plan | null {
  const n = runs.length;
  // best[k]: the best way from k places past `start` to once round (filled from the end).
  const best: (Plan | null)[] = new Array<Plan | null>(n).fill(null);
  for (let k = n - 1; k >= 0; k--) {
    for (const run of runs[(start + k) % n] as readonly Run[]) {
      if (run.miss > allowed) continue;
      const end = k + run.length;
      const rest = end >= n ? null : (best[end] ?? null);
      if (end < n && !rest) continue;
      const count = 1 + (rest?.count ?? 0);
      const deviation = run.deviation + (rest?.deviation ?? 0);
      const current = best[k];
      // A tolerance so that float noise never decides between equals: the shorter run wins a tie.
      if (!current || count < current.count || (count === current.count && deviation < current.deviation - 1e-9)) {
        best[k] = { count, deviation, first: run, rest };
      }
    }
  }
  return best[0] ?? null;
}

/** Seconds of transitions before the holds of a run, and its holds (a sided exercise has two). */
interface Shape {
  transitions: number;
  singles: number;
  pairs: number;
}

/** The exercises a run plays, in order. */
function slotsOfRun(ring: readonly Slot[], { start, length, sets }: Run): Slot[] {
  return sets > 1
    ? Array.from({ length: sets }, () => ring[start] as Slot)
    : Array.from({ length }, (_, i) => ring[(start + i) % ring.length] as Slot);
}

function shapeOf(slots: readonly Slot[]): Shape {
  const shape: Shape = { transitions: 0, singles: 0, pairs: 0 };
  slots.forEach((slot, i) => addTo(shape, slot, i === 0));
  return shape;
}

function addTo(shape: Shape, slot: Slot, first: boolean): void {
  shape.transitions += first && slot.onFloor ? GET_ON_MAT_SECONDS : GET_READY_SECONDS;
  if (slot.sided) {
    shape.pairs++;
    shape.transitions += SWITCH_SIDES_SECONDS;
  } else shape.singles++;
}

/**
 * How the hold seconds are shared: each hold gets `base`, and the leftover seconds go one each to
 * the earliest `singlesExtra` single holds and two each (one per side) to the earliest
 * `pairsExtra` sided pairs. If only sided pairs are left to take an odd leftover second, the
 * first switch-sides takes it (`switchExtra`).
 */
function shareOf({ transitions, singles, pairs }: Shape, breakSeconds: number) {
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
  const longest = base + (singlesExtra > 0 || pairsExtra > 0 ? 1 : 0);
  return { base, longest, singlesExtra, pairsExtra, switchExtra, average: holdSeconds / holds };
}

/**
 * Holds this short are never worth a longer run (the bounds never widen this far: see the test),
 * so runs stop there; one exercise alone is always a run, whatever its holds.
 */
const SHORTEST_RUN_HOLD_SECONDS = HOLD_MIN_SECONDS / 2;

/** Every run from `start` worth considering: longer runs have shorter holds. */
function runsFrom(ring: readonly Slot[], start: number, breakSeconds: number): Run[] {
  const runs: Run[] = [];
  const shape: Shape = { transitions: 0, singles: 0, pairs: 0 };
  for (let length = 1; ; length++) {
    addTo(shape, ring[(start + length - 1) % ring.length] as Slot, length === 1);
    const { base, longest, average } = shareOf(shape, breakSeconds);
    if (base < 1 || (length > 1 && base < SHORTEST_RUN_HOLD_SECONDS)) return runs;
    const miss = Math.max(0, HOLD_MIN_SECONDS - base, longest - HOLD_MAX_SECONDS);
    runs.push({ start, length, sets: 1, miss, deviation: Math.abs(average - HOLD_TARGET_SECONDS) });
  }
}

/** Every run of the exercise at `start` alone in two sets or more worth considering. */
function setsFrom(ring: readonly Slot[], start: number, breakSeconds: number): Run[] {
  const runs: Run[] = [];
  const shape: Shape = { transitions: 0, singles: 0, pairs: 0 };
  for (let sets = 1; ; sets++) {
    addTo(shape, ring[start] as Slot, sets === 1);
    const { base, longest, average } = shareOf(shape, breakSeconds);
    if (base < SHORTEST_RUN_HOLD_SECONDS) return runs;
    if (sets === 1) continue;
    const miss = Math.max(0, HOLD_MIN_SECONDS - base, longest - HOLD_MAX_SECONDS);
    runs.push({ start, length: 1, sets, miss, deviation: Math.abs(average - HOLD_TARGET_SECONDS) });
  }
}

/** The steps of a run, lasting exactly `breakSeconds` (see `shareOf` for how holds share it). */
function layOut(ring: readonly Slot[], run: Run, breakSeconds: number): RoutineStep[] {
  const slots = slotsOfRun(ring, run);
  const { base, singlesExtra, pairsExtra, switchExtra } = shareOf(shapeOf(slots), breakSeconds);
  const steps: RoutineStep[] = [];
  let single = 0;
  let pair = 0;
  for (let i = 0; i < slots.length; i++) {
    const { exerciseId, variant, sided, onFloor } = slots[i] as Slot;
    steps.push(
      i === 0 && onFloor
        ? { kind: 'transition', cue: 'get-on-mat', nextExerciseId: exerciseId, seconds: GET_ON_MAT_SECONDS }
        : { kind: 'transition', cue: 'get-ready', nextExerciseId: exerciseId, seconds: GET_READY_SECONDS },
    );
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
