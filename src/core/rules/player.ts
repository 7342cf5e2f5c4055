// Where a running routine is at a given moment: the steps laid out on a timeline of the break's length.

import type { RoutineStep } from './routines';

export interface TimedStep {
  step: RoutineStep;
  startMs: number;
  durationMs: number;
}

/**
 * Lays the steps end to end over exactly `totalMs`, each in proportion to its seconds. The
 * routine is built for the configured break length; the test-only clock may shorten it.
 */
export function layOutRoutine(steps: readonly RoutineStep[], totalMs: number): TimedStep[] {
  const totalSeconds = steps.reduce((sum, s) => sum + s.seconds, 0);
  if (totalSeconds <= 0 || totalMs <= 0) return [];
  const timed: TimedStep[] = [];
  let elapsedSeconds = 0;
  for (const step of steps) {
    const startMs = Math.round((elapsedSeconds / totalSeconds) * totalMs);
    elapsedSeconds += step.seconds;
    const endMs = Math.round((elapsedSeconds / totalSeconds) * totalMs);
    timed.push({ step, startMs, durationMs: endMs - startMs });
  }
  return timed;
}

export interface RoutinePosition {
  /** Index into the timeline; equals its length once the routine is over. */
  index: number;
  remainingInStepMs: number;
  done: boolean;
}

export function positionAt(timeline: readonly TimedStep[], elapsedMs: number): RoutinePosition {
  for (let index = 0; index < timeline.length; index++) {
    const { startMs, durationMs } = timeline[index]!;
    if (elapsedMs < startMs + durationMs) {
      return { index, remainingInStepMs: startMs + durationMs - Math.max(elapsedMs, startMs), done: false };
    }
  }
  return { index: timeline.length, remainingInStepMs: 0, done: true };
}

/** The routine's total length: where its last step ends. */
export function timelineEndMs(timeline: readonly TimedStep[]): number {
  const last = timeline[timeline.length - 1];
  return last ? last.startMs + last.durationMs : 0;
}

/**
 * Where the player stands. `ranMs` is the time the routine has actually been running (pauses
 * excluded); `offsetMs` is how far Back and Next have moved the position away from it.
 *
 * The fairness rule for Back and Next: the break counts as completed only when the routine
 * has run for its full length. Next moves on at once (no door nearby? skip the doorway
 * stretch), but the seconds it skips are owed: the last step lasts until `ranMs` reaches the
 * full length, so the user still stretches for the whole break, just not in that exercise.
 * Back repeats a part, which makes the break longer, never shorter. So skipping can never
 * turn a few seconds into a "completed" break, and no one is punished for skipping one move.
 */
export interface PlayerClock {
  ranMs: number;
  offsetMs: number;
}

export interface PlayerPosition extends RoutinePosition {
  /** The step's length as shown by the ring (the last step grows by the seconds still owed). */
  stepDurationMs: number;
}

function positionMsOf(timeline: readonly TimedStep[], clock: PlayerClock): number {
  return Math.min(Math.max(0, clock.ranMs + clock.offsetMs), timelineEndMs(timeline));
}

export function playerPosition(timeline: readonly TimedStep[], clock: PlayerClock): PlayerPosition {
  const endMs = timelineEndMs(timeline);
  if (timeline.length === 0) return { index: 0, remainingInStepMs: 0, done: true, stepDurationMs: 0 };
  const owedMs = Math.max(0, endMs - clock.ranMs);
  const positionMs = positionMsOf(timeline, clock);
  const lastIndex = timeline.length - 1;
  const at = positionMs >= endMs ? { index: lastIndex, remainingInStepMs: 0, done: false } : positionAt(timeline, positionMs);
  if (at.index < lastIndex) return { ...at, stepDurationMs: timeline[at.index]!.durationMs };
  const remainingInStepMs = Math.max(at.remainingInStepMs, owedMs);
  if (remainingInStepMs <= 0) return { index: timeline.length, remainingInStepMs: 0, done: true, stepDurationMs: 0 };
  const last = timeline[lastIndex]!;
  return {
    index: lastIndex,
    remainingInStepMs,
    done: false,
    // Unclamped, so the ring's length stays fixed while the owed seconds run down.
    stepDurationMs: Math.max(last.durationMs, remainingInStepMs + Math.max(0, clock.ranMs + clock.offsetMs - last.startMs)),
  };
}

/** Within this much of a step's start, Back goes to the previous step; later, it restarts the current one. */
export const BACK_RESTARTS_AFTER_MS = 2_000;

/** Next: to the start of the following step. Not from the last step: the end comes only with time. */
export function stepForward(timeline: readonly TimedStep[], clock: PlayerClock): PlayerClock {
  const { index, done } = playerPosition(timeline, clock);
  const next = timeline[index + 1];
  if (done || !next) return clock;
  return { ranMs: clock.ranMs, offsetMs: next.startMs - clock.ranMs };
}

/** Back: to the start of the current step, or of the previous one when just started. */
export function stepBack(timeline: readonly TimedStep[], clock: PlayerClock): PlayerClock {
  const { index, done } = playerPosition(timeline, clock);
  if (done) return clock;
  const current = timeline[index]!;
  const positionMs = positionMsOf(timeline, clock);
  const intoStepMs = positionMs - current.startMs;
  const target = intoStepMs > BACK_RESTARTS_AFTER_MS || index === 0 ? current : timeline[index - 1]!;
  return { ranMs: clock.ranMs, offsetMs: target.startMs - clock.ranMs };
}

export function canStepForward(timeline: readonly TimedStep[], clock: PlayerClock): boolean {
  const { index, done } = playerPosition(timeline, clock);
  return !done && index < timeline.length - 1;
}
