// When a break counts as seen: the overlay's proof of sight over time, and when the break page lets a click or key act.
//
// The overlay script looks, about twice a second while a break shows, whether the person can see
// the break (the checks are the shell's: src/content/overlay.ts); the break page knows whether it
// has been visible (in Chrome, by IntersectionObserver v2). These rules say what follows from
// those looks; they take the time as a number and touch no browser API.

/** How often the overlay script looks whether the break can be seen. */
export const PROOF_CHECK_MS = 500;
/** Without proof for this long, the break leaves the page for its window. */
export const PROOF_MISSING_LIMIT_MS = 1_000;

/** What the overlay does after a look: nothing, try to put itself back on top, or give the break up to its window. */
export type ProofVerdict = 'shown' | 'repair' | 'give-up';

/** Since when the break has gone without proof; null while it is proved. */
export interface ProofState {
  unprovenSince: number | null;
}

export const PROVED: ProofState = { unprovenSince: null };

/** One look: `proven` is what the overlay saw at `now`. */
export function lookedAtBreak(state: ProofState, proven: boolean, now: number): { state: ProofState; verdict: ProofVerdict } {
  if (proven) return { state: PROVED, verdict: 'shown' };
  const unprovenSince = state.unprovenSince ?? now;
  return { state: { unprovenSince }, verdict: now - unprovenSince >= PROOF_MISSING_LIMIT_MS ? 'give-up' : 'repair' };
}

/**
 * How long the break page must have been visible before a click or Enter / Escape / Space acts,
 * as browsers do for their own permission prompts: a page cannot make the person click or type
 * into a break that has just appeared under their pointer, or that a cover hid until a moment ago.
 */
export const VISIBLE_BEFORE_INPUT_MS = 500;

/** Since when the break page has been visible without a break; null while it is not. */
export function visibleSince(previous: number | null, visible: boolean, now: number): number | null {
  if (!visible) return null;
  return previous ?? now;
}

/** Whether a click or key at `now` may act, the page having been visible since `since`. */
export function inputMayAct(since: number | null, now: number): boolean {
  return since !== null && now - since >= VISIBLE_BEFORE_INPUT_MS;
}
