// The routine timeline and the player's clock: steps laid end to end, Back/Next, and the rule that only the full running time completes a break.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACK_RESTARTS_AFTER_MS,
  canStepForward,
  layOutRoutine,
  playerPosition,
  positionAt,
  stepBack,
  stepForward,
  timelineEndMs,
  type PlayerClock,
  type TimedStep,
} from '../../../src/core/rules/player';
import { ROUTINE_IDS, buildRoutine, type RoutineStep } from '../../../src/core/rules/routines';

const hold = (seconds: number): RoutineStep => ({ kind: 'exercise', exerciseId: 'posture-reset', side: null, seconds });

const arbSteps = fc.array(fc.integer({ min: 1, max: 60 }).map(hold), { minLength: 1, maxLength: 12 });
const arbTotalMs = fc.integer({ min: 1_000, max: 600_000 });
const arbRoutine = fc.record({
  routineId: fc.constantFrom(...ROUTINE_IDS),
  breakSeconds: fc.integer({ min: 60, max: 600 }),
});

describe('layOutRoutine', () => {
  it('lays the steps end to end, starting at 0 and ending exactly at the break length', () => {
    fc.assert(
      fc.property(arbSteps, arbTotalMs, (steps, totalMs) => {
        const timeline = layOutRoutine(steps, totalMs);
        expect(timeline).toHaveLength(steps.length);
        expect(timeline[0]!.startMs).toBe(0);
        for (let i = 1; i < timeline.length; i++) {
          expect(timeline[i]!.startMs).toBe(timeline[i - 1]!.startMs + timeline[i - 1]!.durationMs);
        }
        expect(timelineEndMs(timeline)).toBe(totalMs);
      }),
    );
  });

  it('gives the real routines exactly their seconds at the configured break length', () => {
    fc.assert(
      fc.property(arbRoutine, ({ routineId, breakSeconds }) => {
        const steps = buildRoutine(routineId, breakSeconds);
        const timeline = layOutRoutine(steps, breakSeconds * 1000);
        timeline.forEach((timed, i) => expect(timed.durationMs).toBe(steps[i]!.seconds * 1000));
      }),
    );
  });

  it('is empty for no steps or no time', () => {
    expect(layOutRoutine([], 120_000)).toEqual([]);
    expect(layOutRoutine([hold(30)], 0)).toEqual([]);
  });
});

describe('positionAt', () => {
  const timeline = layOutRoutine([hold(5), hold(30), hold(3)], 38_000);

  it('changes step exactly at each boundary', () => {
    expect(positionAt(timeline, 4_999)).toEqual({ index: 0, remainingInStepMs: 1, done: false });
    expect(positionAt(timeline, 5_000)).toEqual({ index: 1, remainingInStepMs: 30_000, done: false });
    expect(positionAt(timeline, 34_999).index).toBe(1);
    expect(positionAt(timeline, 35_000).index).toBe(2);
    expect(positionAt(timeline, 38_000)).toEqual({ index: 3, remainingInStepMs: 0, done: true });
  });

  it('moves forward monotonically as time passes, and its countdown never exceeds the step', () => {
    fc.assert(
      fc.property(arbSteps, arbTotalMs, fc.array(fc.nat(700_000), { minLength: 2, maxLength: 30 }), (steps, totalMs, times) => {
        const tl = layOutRoutine(steps, totalMs);
        const sorted = [...times].sort((a, b) => a - b);
        let previous = -1;
        for (const ms of sorted) {
          const p = positionAt(tl, ms);
          expect(p.index).toBeGreaterThanOrEqual(previous);
          previous = p.index;
          expect(p.done).toBe(ms >= totalMs);
          if (!p.done) {
            expect(p.remainingInStepMs).toBeGreaterThan(0);
            expect(p.remainingInStepMs).toBeLessThanOrEqual(tl[p.index]!.durationMs);
          }
        }
      }),
    );
  });
});

describe('the player clock (Back / Next)', () => {
  const timeline = layOutRoutine([hold(5), hold(30), hold(5), hold(30)], 70_000);
  const at = (ranMs: number, offsetMs = 0): PlayerClock => ({ ranMs, offsetMs });

  it('without Back or Next it is the plain timeline', () => {
    fc.assert(
      fc.property(fc.nat(80_000), (ms) => {
        const p = playerPosition(timeline, at(ms));
        const plain = positionAt(timeline, ms);
        expect({ index: p.index, remainingInStepMs: p.remainingInStepMs, done: p.done }).toEqual(plain);
      }),
    );
  });

  it('Next goes to the start of the following step', () => {
    const next = stepForward(timeline, at(2_000));
    expect(playerPosition(timeline, next)).toMatchObject({ index: 1, remainingInStepMs: 30_000 });
  });

  it('Next is not offered on the last step: the end comes only with time', () => {
    const onLast = stepForward(timeline, stepForward(timeline, stepForward(timeline, at(0))));
    expect(playerPosition(timeline, onLast).index).toBe(3);
    expect(canStepForward(timeline, onLast)).toBe(false);
    expect(stepForward(timeline, onLast)).toEqual(onLast);
  });

  it('skipping ahead does not complete the break early: the skipped seconds are added to the last step', () => {
    // Next at once, three times: on the last step with 70 s of the break still to run.
    const skipped = stepForward(timeline, stepForward(timeline, stepForward(timeline, at(0))));
    expect(playerPosition(timeline, skipped)).toMatchObject({ index: 3, remainingInStepMs: 70_000, done: false });
    // 30 s later the last step's own 30 s are over, but 40 s of the break are still owed.
    expect(playerPosition(timeline, { ...skipped, ranMs: 30_000 })).toMatchObject({ index: 3, remainingInStepMs: 40_000, done: false });
    expect(playerPosition(timeline, { ...skipped, ranMs: 69_999 }).done).toBe(false);
    expect(playerPosition(timeline, { ...skipped, ranMs: 70_000 }).done).toBe(true);
  });

  it('the ring of an extended last step keeps a fixed length while the seconds run down', () => {
    const skipped = stepForward(timeline, stepForward(timeline, stepForward(timeline, at(1_000))));
    const lengths = [1_000, 20_000, 40_000, 60_000].map((ranMs) => playerPosition(timeline, { ...skipped, ranMs }).stepDurationMs);
    expect(new Set(lengths).size).toBe(1);
    expect(lengths[0]).toBe(30_000 + 39_000);
  });

  it('Back restarts the current step, or goes to the previous one right after a step began', () => {
    const midStep = at(20_000); // 15 s into step 1
    expect(playerPosition(timeline, stepBack(timeline, midStep))).toMatchObject({ index: 1, remainingInStepMs: 30_000 });
    const justBegun = at(5_000 + BACK_RESTARTS_AFTER_MS - 1);
    expect(playerPosition(timeline, stepBack(timeline, justBegun))).toMatchObject({ index: 0, remainingInStepMs: 5_000 });
    expect(playerPosition(timeline, stepBack(timeline, at(500)))).toMatchObject({ index: 0, remainingInStepMs: 5_000 });
  });

  it('going back makes the break longer: it ends when the routine reaches its end, not before', () => {
    const repeated = stepBack(timeline, at(60_000)); // restart the last hold 20 s in
    expect(playerPosition(timeline, { ...repeated, ranMs: 70_000 }).done).toBe(false);
    expect(playerPosition(timeline, { ...repeated, ranMs: 89_999 }).done).toBe(false);
    expect(playerPosition(timeline, { ...repeated, ranMs: 90_000 }).done).toBe(true);
  });

  it('whatever Back and Next do, the break is done only once it has run its full length, and then it ends', () => {
    type Action = { kind: 'run'; ms: number } | { kind: 'back' } | { kind: 'next' };
    const arbAction: fc.Arbitrary<Action> = fc.oneof(
      fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 1, max: 20_000 }) }),
      fc.constant({ kind: 'back' as const }),
      fc.constant({ kind: 'next' as const }),
    );
    fc.assert(
      fc.property(arbSteps, arbTotalMs, fc.array(arbAction, { maxLength: 60 }), (steps, totalMs, actions) => {
        const tl: TimedStep[] = layOutRoutine(steps, totalMs);
        let clock: PlayerClock = { ranMs: 0, offsetMs: 0 };
        let previousIndex = 0;
        for (const action of actions) {
          if (playerPosition(tl, clock).done) break;
          if (action.kind === 'run') clock = { ...clock, ranMs: clock.ranMs + action.ms };
          else if (action.kind === 'next') clock = stepForward(tl, clock);
          else clock = stepBack(tl, clock);
          const p = playerPosition(tl, clock);
          if (p.done) expect(clock.ranMs).toBeGreaterThanOrEqual(totalMs);
          else {
            expect(p.index).toBeLessThan(tl.length);
            expect(p.remainingInStepMs).toBeGreaterThan(0);
            expect(p.remainingInStepMs).toBeLessThanOrEqual(p.stepDurationMs);
          }
          // Running time alone never moves the position backwards.
          if (action.kind === 'run' && !p.done) expect(p.index).toBeGreaterThanOrEqual(previousIndex);
          previousIndex = p.index;
        }
        // Left running, every break ends, and no later than the full length plus whatever was repeated.
        const remaining = playerPosition(tl, clock);
        if (!remaining.done) {
          const end = { ...clock, ranMs: clock.ranMs + Math.max(0, totalMs - clock.ranMs) + Math.max(0, -clock.offsetMs) };
          expect(playerPosition(tl, end).done).toBe(true);
        }
      }),
    );
  });
});
