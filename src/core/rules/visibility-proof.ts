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

// --- The break page's own sight: input counts only once the break has been seen ---
//
// The break page looks at itself: whether its document is shown at all, and (in Chrome, with
// IntersectionObserver v2) whether the browser draws it uncovered and as itself. Like the
// browsers' own permission prompts, a click or an answer key counts only once the break has been
// seen for a moment: a click already on its way when the break appears (someone working in the
// page), or one a page steers onto it, does nothing. The same looks tell an overlay that stays
// covered to leave the page for its window.

/** Clicks and answer keys count once the break has been seen this long, without a gap. */
export const SEEN_BEFORE_INPUT_MS = 500;

/**
 * One look at the break page's own sight:
 * - `seen`: shown, and drawn uncovered where the browser can tell;
 * - `hidden`: not shown at all (a background tab, a minimised window, not yet drawn): nobody can
 *   see or click it, and it is nobody's doing;
 * - `covered`: shown, but something is drawn over it or it is not drawn as itself.
 */
export type SelfLook = 'seen' | 'hidden' | 'covered';

export interface Sight {
  /** Since when the break has been seen without a gap; null while it is not. */
  seenSince: number | null;
  /** Since when the break has been covered without a gap; null while it is not. */
  coveredSince: number | null;
}

export const NOT_SEEN: Sight = { seenSince: null, coveredSince: null };

export function lookedAtSelf(sight: Sight, look: SelfLook, now: number): Sight {
  switch (look) {
    case 'seen':
      return { seenSince: sight.seenSince ?? now, coveredSince: null };
    case 'covered':
      return { seenSince: null, coveredSince: sight.coveredSince ?? now };
    case 'hidden':
      return NOT_SEEN;
  }
}

/** Whether a click or an answer key counts now. */
export function answersInput(sight: Sight, now: number): boolean {
  return sight.seenSince !== null && now - sight.seenSince >= SEEN_BEFORE_INPUT_MS;
}

/** An overlay covered this long leaves the page for its window (the same limit as the overlay script's own proof). */
export function isCoveredTooLong(sight: Sight, now: number): boolean {
  return sight.coveredSince !== null && now - sight.coveredSince >= PROOF_MISSING_LIMIT_MS;
}

/** When the next thing happens with no new look (input starts counting, or a cover has lasted too long); null if nothing will. */
export function nextSightChangeAt(sight: Sight, now: number): number | null {
  if (sight.seenSince !== null && !answersInput(sight, now)) return sight.seenSince + SEEN_BEFORE_INPUT_MS;
  if (sight.coveredSince !== null && !isCoveredTooLong(sight, now)) return sight.coveredSince + PROOF_MISSING_LIMIT_MS;
  return null;
}
