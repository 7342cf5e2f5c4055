// When the overlay's break counts as seen.
import { describe, expect, it } from 'vitest';
import {
  answersInput,
  isCoveredTooLong,
  lookedAtBreak,
  lookedAtSelf,
  nextSightChangeAt,
  NOT_SEEN,
  PROOF_MISSING_LIMIT_MS,
  PROVED,
  SEEN_BEFORE_INPUT_MS,
  type ProofState,
  type SelfLook,
  type Sight,
} from '../../../src/core/rules/visibility-proof';

function looks(seen: readonly boolean[], everyMs = 500): string[] {
  let state: ProofState = PROVED;
  return seen.map((proven, i) => {
    const look = lookedAtBreak(state, proven, 1_000 + i * everyMs);
    state = look.state;
    return look.verdict;
  });
}

describe('the proof of sight', () => {
  it('a break that is seen stays', () => {
    expect(looks([true, true, true])).toEqual(['shown', 'shown', 'shown']);
  });

  it('without proof the overlay first tries to put itself back, and gives the break up after about a second', () => {
    expect(looks([true, false, false, false])).toEqual(['shown', 'repair', 'repair', 'give-up']);
    expect(PROOF_MISSING_LIMIT_MS).toBe(1_000);
  });

  it('one look with proof starts the count again: a repair that works keeps the break here', () => {
    expect(looks([false, false, true, false, false, true])).toEqual(['repair', 'repair', 'shown', 'repair', 'repair', 'shown']);
  });
});

describe("the break page's own sight: input counts once the break has been seen", () => {
  function after(steps: readonly (readonly [SelfLook, number])[]): Sight {
    return steps.reduce((sight, [look, at]) => lookedAtSelf(sight, look, at), NOT_SEEN);
  }

  it('a click or key as the break appears does nothing; from half a second of being seen, input counts', () => {
    const sight = after([['seen', 1_000]]);
    expect(answersInput(sight, 1_000)).toBe(false);
    expect(answersInput(sight, 1_000 + SEEN_BEFORE_INPUT_MS - 1)).toBe(false);
    expect(answersInput(sight, 1_000 + SEEN_BEFORE_INPUT_MS)).toBe(true);
    expect(SEEN_BEFORE_INPUT_MS).toBe(500);
  });

  it('not yet drawn, or never seen, never answers input', () => {
    expect(answersInput(NOT_SEEN, 1_000_000)).toBe(false);
    expect(answersInput(after([['hidden', 0]]), 60_000)).toBe(false);
  });

  it('later looks that still see it keep the time it was first seen', () => {
    const sight = after([['seen', 1_000], ['seen', 1_200], ['seen', 1_400]]);
    expect(sight.seenSince).toBe(1_000);
    expect(answersInput(sight, 1_500)).toBe(true);
  });

  it('hidden or covered even for a moment, the half second starts again when it is seen again', () => {
    for (const gap of ['hidden', 'covered'] as const) {
      const sight = after([['seen', 0], [gap, 2_000], ['seen', 2_100]]);
      expect(answersInput(sight, 2_100 + SEEN_BEFORE_INPUT_MS - 1)).toBe(false);
      expect(answersInput(sight, 2_100 + SEEN_BEFORE_INPUT_MS)).toBe(true);
    }
  });

  it('covered for about a second, the overlay leaves the page; hidden (a background tab) never counts as covered', () => {
    const covered = after([['seen', 0], ['covered', 1_000], ['covered', 1_500]]);
    expect(isCoveredTooLong(covered, 1_000 + PROOF_MISSING_LIMIT_MS - 1)).toBe(false);
    expect(isCoveredTooLong(covered, 1_000 + PROOF_MISSING_LIMIT_MS)).toBe(true);
    expect(isCoveredTooLong(after([['covered', 0], ['seen', 900], ['covered', 1_000]]), 1_900)).toBe(false);
    expect(isCoveredTooLong(after([['hidden', 0]]), 60_000)).toBe(false);
  });

  it('says when the next change comes without a new look, so the page needs no timer of its own making', () => {
    expect(nextSightChangeAt(after([['seen', 1_000]]), 1_100)).toBe(1_000 + SEEN_BEFORE_INPUT_MS);
    expect(nextSightChangeAt(after([['seen', 1_000]]), 2_000)).toBeNull();
    expect(nextSightChangeAt(after([['covered', 1_000]]), 1_100)).toBe(1_000 + PROOF_MISSING_LIMIT_MS);
    expect(nextSightChangeAt(after([['covered', 1_000]]), 3_000)).toBeNull();
    expect(nextSightChangeAt(NOT_SEEN, 0)).toBeNull();
  });
});
