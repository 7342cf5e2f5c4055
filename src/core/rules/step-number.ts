// Which "Step N of M" a routine screen shows: a hold counts as a step; a transition ("Get ready", "Switch sides") shows the number of the step it leads into.

/** The step numbers for the screen at `index` of a routine; `total` counts the holds (each side of a sided stretch is one). */
export function stepNumberAt(steps: readonly { kind: 'exercise' | 'transition' }[], index: number): { current: number; total: number } {
  const total = steps.filter((step) => step.kind === 'exercise').length;
  const before = steps.slice(0, Math.max(0, index)).filter((step) => step.kind === 'exercise').length;
  // A hold is the next one after those before it; so is the hold a transition leads into.
  return { current: Math.min(Math.max(1, before + 1), Math.max(1, total)), total };
}
