// Every exercise in the library has its illustration (PRODUCT.md: "each with an illustration"), every illustration belongs to an
// exercise (or one of its set-ups), and every step a routine can play shows a drawing of its own.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, EXERCISES } from '../../../src/core/rules/exercises';
import { BREAK_SECONDS_MAX, BREAK_SECONDS_MIN, ROUTINE_IDS, routineCycle } from '../../../src/core/rules/routines';
import { drawingOf, illustratedIds, illustrationOf } from '../../../src/ui/Illustration';

const VARIANT_FILES = Object.values(EXERCISES).flatMap((exercise) => Object.keys(exercise.variants ?? {}).map((variant) => `${exercise.id}-${variant}`));

describe('exercise illustrations', () => {
  it.each([...EXERCISE_IDS, ...VARIANT_FILES])('%s: an SVG that draws in the page colours and runs nothing', (name) => {
    const svg = EXERCISE_IDS.includes(name as never) ? illustrationOf(name as (typeof EXERCISE_IDS)[number]) : illustrationOf('thoracic-extension', name.endsWith('-floor') ? 'floor' : 'seated');
    expect(svg, `src/ui/illustrations/${name}.svg is missing`).toBeDefined();
    expect(svg).toMatch(/^\s*<svg[\s>]/);
    expect(svg).toMatch(/viewBox="[^"]+"/);
    expect(svg).toContain('currentColor');
    expect(svg).not.toMatch(/<script|\son[a-z]+=|javascript:|<foreignObject|href="http/i);
  });

  it('has no illustration without an exercise or one of its set-ups', () => {
    const known = new Set<string>([...EXERCISE_IDS, ...VARIANT_FILES]);
    expect(illustratedIds().filter((name) => !known.has(name))).toEqual([]);
    for (const id of EXERCISE_IDS) expect(illustratedIds()).toContain(id);
  });

  it('every (exercise, set-up, side) a routine plays resolves to a drawing of its own: set-ups distinct, the second side mirrored', () => {
    // Every step of every break of both routines at every length, with everything enabled: the
    // same (exercise, variant, side) always shows the same drawing, and no two show the same.
    const drawingByStep = new Map<string, string>();
    for (const routine of ROUTINE_IDS) {
      for (let breakSeconds = BREAK_SECONDS_MIN; breakSeconds <= BREAK_SECONDS_MAX; breakSeconds += 7) {
        for (const steps of routineCycle(routine, breakSeconds)) {
          for (const step of steps) {
            if (step.kind !== 'exercise') continue;
            const { svg, mirrored } = drawingOf(step.exerciseId, step.variant, step.side);
            expect(svg, `${step.exerciseId} ${step.variant ?? ''}`).toBeDefined();
            const key = `${step.exerciseId}/${step.variant ?? '-'}/${step.side ?? '-'}`;
            const drawing = `${svg ?? ''}${mirrored ? '\n(mirrored)' : ''}`;
            expect(drawingByStep.get(key) ?? drawing).toBe(drawing);
            drawingByStep.set(key, drawing);
          }
        }
      }
    }
    expect([...drawingByStep.keys()].sort()).toEqual([
      'cat-cow/-/-',
      'childs-pose-side/-/left',
      'childs-pose-side/-/right',
      'cross-body-shoulder/-/left',
      'cross-body-shoulder/-/right',
      'doorway-pec/-/-',
      'posture-reset/-/-',
      'thoracic-extension/floor/-',
      'thoracic-extension/seated/-',
      'thread-needle/-/left',
      'thread-needle/-/right',
    ]);
    expect(new Set(drawingByStep.values()).size).toBe(drawingByStep.size);
    // The floor set-up has its own drawing (over a roller), not the chair's.
    expect(drawingOf('thoracic-extension', 'floor').svg).not.toBe(drawingOf('thoracic-extension', 'seated').svg);
    expect(drawingOf('cross-body-shoulder', undefined, 'right')).toEqual({ svg: illustrationOf('cross-body-shoulder'), mirrored: true });
  });
});
