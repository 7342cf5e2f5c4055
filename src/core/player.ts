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
