// The exercise library and the routine builder: every break filled exactly, sides paired, holds near 30 s,
// and breaks that take turns so every exercise comes round.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXERCISE_IDS,
  EXERCISES,
  exerciseMessageKey,
  isExerciseId,
  placementOf,
  type ExerciseId,
} from '../../../src/core/rules/exercises';
import {
  ROUTINE_IDS,
  buildRoutine,
  roundForBreak,
  routineCycle,
  routineForBreak,
  routineTotalSeconds,
  type RoutineId,
  type RoutineStep,
} from '../../../src/core/rules/routines';
import { applyRecords, breaksTaken, type History } from '../../../src/core/rules/history';

// The bounds this suite holds the builder to (PRODUCT.md, issue 15: holds close to the seed's 30 s,
// within 25–40 s wherever the break length allows; transitions about 3–5 s, 10 s to get on the mat).
const HOLD_MIN = 25;
const HOLD_MAX = 40;
const GET_READY = 5;
const GET_ON_MAT = 10;

// Written out here rather than read from ROUTINES, so the routines' content is under test too.
const DESK: readonly ExerciseId[] = ['posture-reset', 'cross-body-shoulder', 'thoracic-extension', 'doorway-pec'];
const FLOOR: readonly ExerciseId[] = ['cat-cow', 'childs-pose-side', 'thread-needle', 'thoracic-extension'];
const ROUTINE_EXERCISES: Record<RoutineId, readonly ExerciseId[]> = { desk: DESK, floor: FLOOR };
const SIDED: ReadonlySet<ExerciseId> = new Set(['cross-body-shoulder', 'childs-pose-side', 'thread-needle']);
const ON_THE_FLOOR: ReadonlySet<ExerciseId> = new Set(['cat-cow', 'childs-pose-side', 'thread-needle']);

const BREAK_LENGTHS = Array.from({ length: 541 }, (_, i) => 60 + i);

/** All 128 subsets of the seven exercises, from none to all. */
const ALL_SUBSETS: readonly (readonly ExerciseId[])[] = Array.from({ length: 1 << EXERCISE_IDS.length }, (_, mask) =>
  EXERCISE_IDS.filter((_, bit) => (mask & (1 << bit)) !== 0),
);

/** The rule from the spec, restated: the routine's enabled exercises, else the other's, else all of the routine's. */
function expectedExercises(routine: RoutineId, disabled: readonly ExerciseId[]): readonly ExerciseId[] {
  const own = ROUTINE_EXERCISES[routine].filter((id) => !disabled.includes(id));
  if (own.length > 0) return own;
  const other = ROUTINE_EXERCISES[routine === 'desk' ? 'floor' : 'desk'].filter((id) => !disabled.includes(id));
  return other.length > 0 ? other : ROUTINE_EXERCISES[routine];
}

const isWholeIn = (s: number, min: number, max: number) => Number.isInteger(s) && s >= min && s <= max;

/**
 * Reads the steps as a sequence of exercises and returns the first thing wrong with them, or null.
 * Each exercise must be: get-ready → hold (single), or get-ready → left → switch-sides → right
 * with both sides equally long (sided). The break's first get-ready is a 10 s get-on-mat when its
 * exercise is done on the floor; every other get-ready is 5 s, a switch-sides 3 or 4 s. Holds are
 * checked against `holdBounds`. Also returns the exercises in the order they came.
 */
function readRoutine(
  steps: readonly RoutineStep[],
  breakSeconds: number,
  holdBounds: readonly [number, number] = [1, Infinity],
): { problem: string | null; order: ExerciseId[] } {
  const order: ExerciseId[] = [];
  const fail = (i: number, what: string) => ({ problem: `step ${i}: ${what}`, order });
  let total = 0;
  for (const step of steps) total += step.seconds;
  if (total !== breakSeconds) return { problem: `lasts ${total} s instead of ${breakSeconds} s`, order };
  let i = 0;
  if (steps.length === 0) return { problem: 'no steps', order };
  while (i < steps.length) {
    const ready = steps[i];
    if (ready?.kind !== 'transition') return fail(i, 'expected a get-ready cue');
    const onMat = i === 0 && isFloorHold(steps[1]);
    const cue = onMat ? 'get-on-mat' : 'get-ready';
    if (ready.cue !== cue) return fail(i, `expected ${cue}, got ${ready.cue}`);
    if (ready.seconds !== (onMat ? GET_ON_MAT : GET_READY)) return fail(i, `${cue} of ${ready.seconds} s`);
    const id = ready.nextExerciseId;
    order.push(id);
    const first = steps[i + 1];
    if (first?.kind !== 'exercise' || first.exerciseId !== id) return fail(i + 1, `expected ${id} after its get-ready`);
    if (!isWholeIn(first.seconds, ...holdBounds)) return fail(i + 1, `hold of ${first.seconds} s`);
    if (!SIDED.has(id)) {
      if (first.side !== null) return fail(i + 1, `${id} is not sided but has side ${first.side}`);
      i += 2;
      continue;
    }
    if (first.side !== 'left') return fail(i + 1, `${id} should start on the left`);
    const change = steps[i + 2];
    if (change?.kind !== 'transition' || change.cue !== 'switch-sides' || change.nextExerciseId !== id) {
      return fail(i + 2, `expected switch-sides to ${id}`);
    }
    if (!isWholeIn(change.seconds, 3, 4)) return fail(i + 2, `switch-sides of ${change.seconds} s`);
    const second = steps[i + 3];
    if (second?.kind !== 'exercise' || second.exerciseId !== id || second.side !== 'right') {
      return fail(i + 3, `expected the right side of ${id}`);
    }
    if (second.seconds !== first.seconds) return fail(i + 3, `sides of ${id} differ: ${first.seconds} s vs ${second.seconds} s`);
    if (second.variant !== first.variant) return fail(i + 3, `sides of ${id} use different variants`);
    i += 4;
  }
  return { problem: null, order };
}

function isFloorHold(step: RoutineStep | undefined): boolean {
  return step?.kind === 'exercise' && placementOf(step.exerciseId, step.variant).floor;
}

const holdsOf = (steps: readonly RoutineStep[]) => steps.filter((s) => s.kind === 'exercise');
const exercisesIn = (steps: readonly RoutineStep[]) => [...new Set(holdsOf(steps).map((s) => s.exerciseId))];
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('exercise library', () => {
  it('holds the seven exercises, each filed under its own id', () => {
    expect(Object.keys(EXERCISES).sort()).toEqual([...EXERCISE_IDS].sort());
    for (const id of EXERCISE_IDS) expect(EXERCISES[id].id).toBe(id);
  });

  it('marks the cross-body, child’s pose and thread-the-needle stretches as done on each side, and only those', () => {
    expect(EXERCISE_IDS.filter((id) => EXERCISES[id].sided)).toEqual([...SIDED]);
  });

  it('recognises exercise ids and nothing else', () => {
    for (const id of EXERCISE_IDS) expect(isExerciseId(id)).toBe(true);
    for (const v of ['', 'Cat-cow', 'cat_cow', 'toString', 'constructor', null, undefined, 3, {}, ['cat-cow']]) {
      expect(isExerciseId(v)).toBe(false);
    }
  });

  it('does thoracic extension seated against a chair back or lying on the floor over a roller', () => {
    expect(placementOf('thoracic-extension', 'seated')).toEqual({ position: 'seated', floor: false });
    expect(placementOf('thoracic-extension', 'floor')).toEqual({ position: 'floor', floor: true });
    expect(placementOf('cat-cow')).toEqual({ position: 'floor', floor: true });
    expect(placementOf('doorway-pec')).toEqual({ position: 'standing', floor: false });
  });

  it('names the locale keys after the id with underscores', () => {
    expect(exerciseMessageKey('childs-pose-side', 'name')).toBe('exercise_childs_pose_side_name');
    expect(exerciseMessageKey('thoracic-extension', 'how', 'floor')).toBe('exercise_thoracic_extension_floor_how');
    expect(exerciseMessageKey('thoracic-extension', 'name', 'floor')).toBe('exercise_thoracic_extension_name');
  });
});

/** The exercises of each break of the routine's cycle, in order. */
const cycleExercises = (cycle: readonly (readonly RoutineStep[])[]) => cycle.map((steps) => holdsOf(steps).map((s) => s.exerciseId));

/**
 * The holds this suite guarantees (the builder's comment states the same rule): 25–40 s from
 * 121 s up whatever is disabled, and at every length with everything enabled, except Floor at
 * 60–64 s, which has no selection with holds of 25 s or more (one exercise leaves 50 s holds; with
 * two or more, the 10 s to get on the mat leaves 22–24 s) and keeps them at 22–40 s. Breaks of
 * 120 s or less with some exercises disabled widen the bounds as little as they must, never past
 * 20–44 s (e.g. Desk with only the cross-body stretch at 98 s: once, 45 s holds; twice, 20–21 s).
 * Wherever holds leave 25–40 s, the big test below checks that no selection could keep them inside.
 */
function guaranteedHolds(routine: RoutineId, breakSeconds: number, disabled: readonly ExerciseId[]): [number, number] {
  const allEnabled = ROUTINE_EXERCISES[routine].every((id) => !disabled.includes(id));
  if (breakSeconds >= 121) return [HOLD_MIN, HOLD_MAX];
  if (allEnabled) return routine === 'floor' && breakSeconds <= 64 ? [22, HOLD_MAX] : [HOLD_MIN, HOLD_MAX];
  return [20, 44];
}

/**
 * The fewest breaks that can between them play every exercise of `ring` with every hold within
 * `bounds`, if each break may play any of them in any number (a sided one on both sides) with
 * holds shared as evenly as whole seconds allow: a set cover over every feasible selection. An
 * oracle for "K as small as the break length allows", independent of how the builder searches.
 */
function fewestBreaksPossible(ring: readonly ExerciseId[], breakSeconds: number, onMat: boolean, [lo, hi]: readonly [number, number]): number {
  const sided = ring.map((id) => SIDED.has(id));
  const hasSingles = sided.some((s) => !s);
  const hasPairs = sided.some((s) => s);
  const fits = (singles: number, pairs: number) => {
    const holds = singles + 2 * pairs;
    const holdSeconds = breakSeconds - GET_READY * (singles + pairs) - 3 * pairs - (onMat ? GET_ON_MAT - GET_READY : 0);
    const base = Math.floor(holdSeconds / holds);
    const leftover = holdSeconds - base * holds;
    // One leftover second with only sided holds goes to a switch-sides, not to a hold.
    const longest = base + (leftover === 0 || (singles === 0 && leftover === 1) ? 0 : 1);
    return base >= lo && longest <= hi;
  };
  const feasible: number[] = [];
  for (let mask = 1; mask < 1 << ring.length; mask++) {
    let singles = 0;
    let pairs = 0;
    ring.forEach((_, i) => (mask & (1 << i) ? (sided[i] ? pairs++ : singles++) : 0));
    let ok = false;
    for (let s = singles; s <= 20 && !ok; s++) {
      for (let p = pairs; p <= 10 && !ok; p++) {
        if ((s > singles && !hasSingles) || (p > pairs && !hasPairs)) continue;
        ok = fits(s, p);
      }
    }
    if (ok) feasible.push(mask);
  }
  const all = (1 << ring.length) - 1;
  let best = Infinity;
  const cover = (covered: number, count: number) => {
    if (count >= best) return;
    if (covered === all) {
      best = count;
      return;
    }
    for (const mask of feasible) if ((mask | covered) !== covered) cover(covered | mask, count + 1);
  };
  cover(0, 0);
  return best;
}

describe('buildRoutine', () => {
  it('Desk at the default 120 s takes turns between two breaks of three exercises, all four within two breaks', () => {
    // Four exercises at 25 s or more do not fit in 120 s once the cross-body stretch takes two
    // sides and transitions take their share, so each break plays three, and the next goes on
    // from where this one stopped.
    expect(buildRoutine('desk', 120, [], 0)).toEqual([
      { kind: 'transition', cue: 'get-ready', nextExerciseId: 'posture-reset', seconds: 5 },
      { kind: 'exercise', exerciseId: 'posture-reset', side: null, seconds: 26 },
      { kind: 'transition', cue: 'get-ready', nextExerciseId: 'cross-body-shoulder', seconds: 5 },
      { kind: 'exercise', exerciseId: 'cross-body-shoulder', side: 'left', seconds: 25 },
      { kind: 'transition', cue: 'switch-sides', nextExerciseId: 'cross-body-shoulder', seconds: 3 },
      { kind: 'exercise', exerciseId: 'cross-body-shoulder', side: 'right', seconds: 25 },
      { kind: 'transition', cue: 'get-ready', nextExerciseId: 'thoracic-extension', seconds: 5 },
      { kind: 'exercise', exerciseId: 'thoracic-extension', side: null, seconds: 26, variant: 'seated' },
    ]);
    expect(cycleExercises(routineCycle('desk', 120))).toEqual([
      ['posture-reset', 'cross-body-shoulder', 'cross-body-shoulder', 'thoracic-extension'],
      ['doorway-pec', 'posture-reset', 'cross-body-shoulder', 'cross-body-shoulder'],
    ]);
    expect(buildRoutine('desk', 120, [], 1)).toEqual(routineCycle('desk', 120)[1]);
    expect(buildRoutine('desk', 120, [], 2)).toEqual(buildRoutine('desk', 120, [], 0));
  });

  it('Floor at the default 120 s plays all four exercises within two breaks, starting with 10 s to get on the mat', () => {
    const cycle = routineCycle('floor', 120);
    expect(cycleExercises(cycle)).toEqual([
      ['cat-cow', 'childs-pose-side', 'childs-pose-side'],
      ['thread-needle', 'thread-needle', 'thoracic-extension'],
    ]);
    for (const steps of cycle) {
      expect(steps[0]).toMatchObject({ kind: 'transition', cue: 'get-on-mat', seconds: 10 });
      expect(steps.slice(1).filter((s) => s.kind === 'transition' && s.cue === 'get-on-mat')).toEqual([]);
      expect(holdsOf(steps).every((s) => s.seconds === 34)).toBe(true);
    }
    expect(holdsOf(cycle[1]!).find((s) => s.exerciseId === 'thoracic-extension')?.variant).toBe('floor');
  });

  it('the Desk routine is posture check, cross-body shoulder, thoracic extension on the chair and doorway pec, in that order', () => {
    const steps = buildRoutine('desk', 300);
    expect(exercisesIn(steps)).toEqual(DESK);
    const thoracic = holdsOf(steps).filter((s) => s.exerciseId === 'thoracic-extension');
    expect(thoracic.map((s) => s.variant)).toEqual(thoracic.map(() => 'seated'));
  });

  it('the Floor routine is cat-cow, child’s pose side reach, thread the needle and thoracic extension on the floor', () => {
    const steps = buildRoutine('floor', 300);
    expect(exercisesIn(steps)).toEqual(FLOOR);
    const thoracic = holdsOf(steps).filter((s) => s.exerciseId === 'thoracic-extension');
    expect(thoracic.length).toBeGreaterThan(0);
    expect(thoracic.map((s) => s.variant)).toEqual(thoracic.map(() => 'floor'));
  });

  it('every break from 60 to 600 s, in both routines, with any exercises disabled: exact, holds in bounds, all exercises within the fewest breaks possible', { timeout: 60_000 }, () => {
    // 2 routines × 128 subsets × 541 lengths, every break of each cycle. Checks, for each: the
    // total, get-ready (or get-on-mat) before each exercise, sides as an adjacent equal left/right
    // pair around a switch-sides cue, holds within the guaranteed bounds, only the exercises the
    // disabling rules allow, each break a run of them in routine order (going round) or one of
    // them in sets, the cycle playing all of them, its length K no more than the set-cover
    // oracle's at the same bounds, and holds outside 25–40 s only where the oracle finds none inside.
    const problems: string[] = [];
    let checked = 0;
    for (const routine of ROUTINE_IDS) {
      for (const disabled of ALL_SUBSETS) {
        const ring = expectedExercises(routine, disabled);
        for (const breakSeconds of BREAK_LENGTHS) {
          checked++;
          const cycle = routineCycle(routine, breakSeconds, disabled);
          const bounds = guaranteedHolds(routine, breakSeconds, disabled);
          let trouble: string | null = null;
          const played = new Set<ExerciseId>();
          let shortest = Infinity;
          let longest = 0;
          cycle.forEach((steps, round) => {
            if (trouble !== null) return;
            const { problem, order } = readRoutine(steps, breakSeconds, bounds);
            if (problem !== null) trouble = `break ${round + 1} of ${cycle.length}: ${problem}`;
            const start = ring.indexOf(order[0]!);
            // A run of the routine in its order, or one exercise in several sets.
            const inSets = order.every((id) => id === order[0]);
            order.forEach((id, k) => {
              played.add(id);
              if (trouble === null && !inSets && id !== ring[(start + k) % ring.length]) trouble = `break ${round + 1}: ${id} out of routine order`;
            });
            for (const hold of holdsOf(steps)) {
              shortest = Math.min(shortest, hold.seconds);
              longest = Math.max(longest, hold.seconds);
            }
            if (trouble === null && round === 0 && !equalSteps(buildRoutine(routine, breakSeconds, disabled, cycle.length), steps)) {
              trouble = `round ${cycle.length} is not round 0`;
            }
          });
          if (trouble === null && played.size !== ring.length) trouble = `plays ${[...played].join(', ')} of ${ring.join(', ')}`;
          if (trouble === null) {
            const miss = Math.max(0, HOLD_MIN - shortest, longest - HOLD_MAX);
            const onMat = cycle[0]![0]!.kind === 'transition' && cycle[0]![0]!.cue === 'get-on-mat';
            const possible = fewestBreaksPossible(ring, breakSeconds, onMat, [HOLD_MIN - miss, HOLD_MAX + miss]);
            if (cycle.length > possible) trouble = `takes ${cycle.length} breaks to play them all, ${possible} would do`;
            // Holds leave 25–40 s only where no selection at all could keep them inside.
            else if (miss > 0 && fewestBreaksPossible(ring, breakSeconds, onMat, [HOLD_MIN, HOLD_MAX]) !== Infinity) {
              trouble = `holds of ${shortest}–${longest} s, but 25–40 s was possible`;
            }
          }
          if (trouble !== null && problems.push(`${routine} ${breakSeconds} s, disabled [${disabled.join(', ')}]: ${trouble}`) >= 10) {
            expect(problems).toEqual([]);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(2 * 128 * 541);
  });

  it('with everything enabled, all of a routine’s exercises come within 3 breaks at any length, within 2 at 120 s, in one from 181 s', () => {
    for (const routine of ROUTINE_IDS) {
      for (const breakSeconds of BREAK_LENGTHS) {
        const k = routineCycle(routine, breakSeconds).length;
        expect({ routine, breakSeconds, k: Math.min(k, breakSeconds > 180 ? 1 : 3) }).toEqual({ routine, breakSeconds, k });
      }
      expect(routineCycle(routine, 120)).toHaveLength(2);
    }
  });

  it('the Desk routine never sends anyone to the floor while any Desk exercise is enabled', () => {
    for (const disabled of ALL_SUBSETS) {
      if (DESK.every((id) => disabled.includes(id))) continue;
      for (const breakSeconds of [60, 61, 120, 177, 300, 599, 600]) {
        for (const steps of routineCycle('desk', breakSeconds, disabled)) {
          expect(steps[0]).toMatchObject({ cue: 'get-ready', seconds: GET_READY });
          for (const step of holdsOf(steps)) {
            expect(ON_THE_FLOOR.has(step.exerciseId)).toBe(false);
            expect(placementOf(step.exerciseId, step.variant).floor).toBe(false);
          }
        }
      }
    }
  });

  it('long breaks repeat the exercises in rounds rather than holding longer than 40 s', () => {
    const holds = holdsOf(buildRoutine('desk', 600));
    expect(holds.filter((s) => s.exerciseId === 'posture-reset').length).toBeGreaterThanOrEqual(3);
    const average = mean(holds.map((s) => s.seconds));
    expect(average).toBeGreaterThanOrEqual(28);
    expect(average).toBeLessThanOrEqual(32);
    // Even with one exercise left, it comes back in rounds.
    const alone = holdsOf(buildRoutine('desk', 600, ['cross-body-shoulder', 'doorway-pec', 'thoracic-extension']));
    expect(alone.length).toBeGreaterThanOrEqual(15);
    expect(alone.every((s) => s.seconds >= 25 && s.seconds <= 35)).toBe(true);
  });

  it('a break too short for 25 s holds degrades to the nearest it can: Floor at 60 s holds 22–23 s over three breaks', () => {
    const cycle = routineCycle('floor', 60);
    expect(cycle).toHaveLength(3);
    for (const steps of cycle) {
      expect(routineTotalSeconds(steps)).toBe(60);
      for (const hold of holdsOf(steps)) expect(hold.seconds).toBeGreaterThanOrEqual(22);
    }
    // Desk at 60 s still finds 25–26 s holds: two exercises a break, or the cross-body stretch alone.
    // With only the cross-body stretch and thoracic extension left, thoracic extension comes in two sets.
    expect(cycleExercises(routineCycle('desk', 60, ['posture-reset', 'doorway-pec']))).toEqual([
      ['cross-body-shoulder', 'cross-body-shoulder'],
      ['thoracic-extension', 'thoracic-extension'],
    ]);
    expect(cycleExercises(routineCycle('desk', 60)).map((ids) => [...new Set(ids)])).toEqual([
      ['doorway-pec', 'posture-reset'],
      ['cross-body-shoulder'],
      ['thoracic-extension', 'doorway-pec'],
    ]);
  });

  it('holds average within 5 s of 30 s with everything enabled from 90 s up', () => {
    for (const routine of ROUTINE_IDS) {
      for (const breakSeconds of BREAK_LENGTHS) {
        if (breakSeconds < 90) continue;
        for (const steps of routineCycle(routine, breakSeconds)) {
          const average = mean(holdsOf(steps).map((s) => s.seconds));
          if (average < 25 || average > 40) expect({ routine, breakSeconds, average }).toBe('an average within 25–40 s');
        }
      }
    }
  });

  it('rebalances a routine with a disabled exercise to the same total from the ones left', () => {
    const cycle = routineCycle('desk', 120, ['cross-body-shoulder']);
    expect(new Set(cycle.flatMap((steps) => exercisesIn(steps)))).toEqual(new Set(['posture-reset', 'thoracic-extension', 'doorway-pec']));
    for (const steps of cycle) expect(routineTotalSeconds(steps)).toBe(120);
  });

  it('falls back to the enabled Floor exercises when every Desk exercise is disabled, and vice versa', () => {
    const played = (routine: RoutineId, disabled: readonly ExerciseId[]) => exercisesIn(buildRoutine(routine, 300, disabled)).sort();
    expect(played('desk', DESK)).toEqual(['cat-cow', 'childs-pose-side', 'thread-needle']);
    expect(played('floor', FLOOR)).toEqual(['cross-body-shoulder', 'doorway-pec', 'posture-reset']);
    expect(played('desk', [...DESK, 'cat-cow', 'thread-needle'])).toEqual(['childs-pose-side']);
  });

  it('ignores the disabled list when all seven exercises are disabled', () => {
    for (const routine of ROUTINE_IDS) {
      expect(routineCycle(routine, 180, EXERCISE_IDS)).toEqual(routineCycle(routine, 180));
    }
  });

  it('gives the same break for the same inputs, whatever the order of or repeats in the disabled list', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUTINE_IDS),
        fc.integer({ min: 60, max: 600 }),
        fc.array(fc.constantFrom(...EXERCISE_IDS), { maxLength: 10 }),
        fc.nat({ max: 10_000 }),
        (routine, breakSeconds, disabled, round) => {
          const once = buildRoutine(routine, breakSeconds, disabled, round);
          expect(buildRoutine(routine, breakSeconds, disabled, round)).toEqual(once);
          expect(buildRoutine(routine, breakSeconds, [...new Set(disabled)].reverse(), round)).toEqual(once);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('treats a corrupt round as round 0 instead of failing the break', () => {
    for (const round of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(routineCycle('desk', 120)).toContainEqual(buildRoutine('desk', 120, [], round));
    }
    expect(buildRoutine('desk', 120, [], 1.5)).toEqual(buildRoutine('desk', 120, [], 1));
  });

  it('leaves the caller’s disabled list untouched and ignores ids it does not know', () => {
    const disabled = Object.freeze(['doorway-pec', 'not-an-exercise' as ExerciseId] as ExerciseId[]);
    expect(routineCycle('desk', 120, disabled)).toEqual(routineCycle('desk', 120, ['doorway-pec']));
  });

  it('rejects a break length that is not a whole number of seconds from 60 to 600 with a RangeError', () => {
    for (const bad of [59, 601, 0, -120, 120.5, Number.NaN, Number.POSITIVE_INFINITY, '120' as unknown as number]) {
      expect(() => buildRoutine('desk', bad)).toThrow(RangeError);
    }
    expect(() => buildRoutine('desk', 59)).toThrow(/60 to 600/);
    expect(() => buildRoutine('gym' as RoutineId, 120)).toThrow(RangeError);
  });
});

describe('the rotation from break to break', () => {
  type Answer = 'complete' | 'snooze' | 'skip';
  const arbAnswers = fc
    .array(fc.constantFrom<Answer>('complete', 'snooze', 'skip'), { minLength: 20, maxLength: 60 })
    // 20 completed breaks, with snoozes and skips wherever they fell.
    .filter((answers) => answers.filter((a) => a === 'complete').length >= 20);

  /** What the next break plays, as the background and the break page work it out from the history. */
  function nextBreak(history: History, rotation: 'fixed' | 'rotate', chosen: RoutineId, breakSeconds: number, disabled: readonly ExerciseId[]) {
    const taken = breaksTaken(history);
    const routine = routineForBreak(rotation, chosen, taken);
    return { routine, steps: buildRoutine(routine, breakSeconds, disabled, roundForBreak(rotation, taken)) };
  }

  it('over 20 completed breaks: a snooze or a skip never changes the next break, and every K breaks of a routine play all of it', () => {
    fc.assert(
      fc.property(
        arbAnswers,
        fc.constantFrom<'fixed' | 'rotate'>('fixed', 'rotate'),
        fc.constantFrom(...ROUTINE_IDS),
        fc.integer({ min: 60, max: 600 }),
        fc.subarray([...EXERCISE_IDS]),
        (answers, rotation, chosen, breakSeconds, disabled) => {
          let history: History = {};
          let at = Date.UTC(2026, 11, 1, 9);
          const played: Record<RoutineId, ExerciseId[][]> = { desk: [], floor: [] };
          for (const answer of answers) {
            const next = nextBreak(history, rotation, chosen, breakSeconds, disabled);
            at += 20 * 60_000;
            const kind = answer === 'complete' ? 'completed' : answer === 'snooze' ? 'snoozed' : 'skipped';
            history = applyRecords(history, [{ kind, at }]);
            if (answer === 'complete') played[next.routine].push(exercisesIn(next.steps));
            // Restarting the worker or the browser keeps nothing but the history: the same answer.
            else expect(nextBreak(history, rotation, chosen, breakSeconds, disabled)).toEqual(next);
          }
          for (const routine of ROUTINE_IDS) {
            const plays = played[routine];
            if (plays.length === 0) continue;
            const ring = expectedExercises(routine, disabled);
            const k = routineCycle(routine, breakSeconds, disabled).length;
            for (let first = 0; first + k <= plays.length; first++) {
              const seen = new Set(plays.slice(first, first + k).flat());
              expect([...seen].sort()).toEqual([...ring].sort());
            }
          }
          if (rotation === 'fixed') expect(played[chosen === 'desk' ? 'floor' : 'desk']).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('at the default, two Desk breaks in a row play different exercises, and a third plays the first again', () => {
    const history = (completed: number): History => ({ '2026-12-01': { activeMs: 0, completed, snoozed: 3, skipped: 1, natural: 0, held: 0 } });
    const [a, b, c] = [0, 1, 2].map((n) => nextBreak(history(n), 'fixed', 'desk', 120, []).steps);
    expect(exercisesIn(a!)).not.toEqual(exercisesIn(b!));
    expect(c).toEqual(a);
  });

  it('with rotation on, each routine moves on to its next selection every other break', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => roundForBreak('rotate', n))).toEqual([0, 0, 1, 1, 2, 2]);
    expect([0, 1, 2, 3].map((n) => roundForBreak('fixed', n))).toEqual([0, 1, 2, 3]);
    for (const n of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(roundForBreak('fixed', n)).toBe(0);
  });
});

function equalSteps(a: readonly RoutineStep[], b: readonly RoutineStep[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('routineTotalSeconds', () => {
  it('adds up the seconds of every step, transitions included', () => {
    expect(routineTotalSeconds([])).toBe(0);
    expect(
      routineTotalSeconds([
        { kind: 'transition', cue: 'get-ready', nextExerciseId: 'cat-cow', seconds: 5 },
        { kind: 'exercise', exerciseId: 'cat-cow', side: null, seconds: 30 },
      ]),
    ).toBe(35);
  });
});

describe('routineForBreak', () => {
  it('rotation alternates desk, floor, desk, … by break count', () => {
    expect([0, 1, 2, 3, 4].map((n) => routineForBreak('rotate', 'desk', n))).toEqual(['desk', 'floor', 'desk', 'floor', 'desk']);
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.constantFrom(...ROUTINE_IDS), (n, chosen) => {
        expect(routineForBreak('rotate', chosen, n + 1)).not.toBe(routineForBreak('rotate', chosen, n));
        expect(routineForBreak('rotate', chosen, n + 2)).toBe(routineForBreak('rotate', chosen, n));
      }),
    );
  });

  it('a fixed choice stays put whatever the break count', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...ROUTINE_IDS), (n, chosen) => {
        expect(routineForBreak('fixed', chosen, n)).toBe(chosen);
      }),
    );
  });

  it('treats a corrupt break count as a valid one instead of failing the break', () => {
    for (const n of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(ROUTINE_IDS).toContain(routineForBreak('rotate', 'desk', n));
    }
  });
});
