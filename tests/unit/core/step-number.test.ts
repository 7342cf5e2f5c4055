// "Step N of M": the number on screen is the hold being done or, on a "Get ready" or "Switch sides" screen, the hold coming next.
import { describe, expect, it } from 'vitest';
import { ROUTINE_IDS, buildRoutine } from '../../../src/core/rules/routines';
import { stepNumberAt } from '../../../src/core/rules/step-number';

const hold = { kind: 'exercise' } as const;
const transition = { kind: 'transition' } as const;

describe('stepNumberAt', () => {
  it('numbers a transition by the hold it leads into, never by the one before it', () => {
    const steps = [transition, hold, transition, hold, transition, hold];
    expect([0, 1, 2, 3, 4, 5].map((i) => stepNumberAt(steps, i).current)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(stepNumberAt(steps, 0).total).toBe(3);
  });

  it('counts each side of a sided stretch as a step, "Switch sides" showing the second side', () => {
    const steps = [transition, hold, transition, hold];
    expect(stepNumberAt(steps, 2)).toEqual({ current: 2, total: 2 });
  });

  it('stays within 1…total past either end', () => {
    const steps = [hold, hold];
    expect(stepNumberAt(steps, -1).current).toBe(1);
    expect(stepNumberAt(steps, 2).current).toBe(2);
    expect(stepNumberAt([], 0)).toEqual({ current: 1, total: 0 });
  });

  it('in every shipped routine, each hold and the screens leading to it share a number, and the numbers run 1…total', () => {
    for (const routineId of ROUTINE_IDS) {
      for (const breakSeconds of [60, 120, 300, 600]) {
        const steps = buildRoutine(routineId, breakSeconds, []);
        const numbers = steps.map((_, i) => stepNumberAt(steps, i).current);
        const holds = steps.flatMap((step, i) => (step.kind === 'exercise' ? [numbers[i]] : []));
        expect(holds).toEqual(holds.map((_, i) => i + 1));
        steps.forEach((step, i) => {
          if (step.kind === 'transition') expect(numbers[i]).toBe(numbers[steps.findIndex((s, j) => j > i && s.kind === 'exercise')]);
        });
      }
    }
  });
});
