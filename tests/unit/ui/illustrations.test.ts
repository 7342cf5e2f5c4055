// Every exercise in the library has its illustration (PRODUCT.md: "each with an illustration"), and every illustration belongs to an exercise.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../../../src/core/exercises';
import { illustratedIds, illustrationOf } from '../../../src/ui/Illustration';

describe('exercise illustrations', () => {
  it.each(EXERCISE_IDS)('%s has an illustration: an SVG that draws in the page colours and runs nothing', (id) => {
    const svg = illustrationOf(id);
    expect(svg, `src/ui/illustrations/${id}.svg is missing`).toBeDefined();
    expect(svg).toMatch(/^\s*<svg[\s>]/);
    expect(svg).toMatch(/viewBox="[^"]+"/);
    expect(svg).toContain('currentColor');
    expect(svg).not.toMatch(/<script|\son[a-z]+=|javascript:|<foreignObject|href="http/i);
  });

  it('has no illustration without an exercise', () => {
    expect(illustratedIds().sort()).toEqual([...EXERCISE_IDS].sort());
  });
});
