// When a break over a page counts as seen: the overlay's proof of sight over time.
//
// The overlay script looks, about twice a second while a break shows, whether the person can see
// the break (the checks are the shell's: src/content/overlay.ts). This rule says what follows from
// those looks; it takes the time as a number and touches no browser API.

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
