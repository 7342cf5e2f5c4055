// When the overlay's break counts as seen, and when the break page lets a click or key act.
import { describe, expect, it } from 'vitest';
import { inputMayAct, lookedAtBreak, PROOF_MISSING_LIMIT_MS, PROVED, VISIBLE_BEFORE_INPUT_MS, visibleSince, type ProofState } from '../../../src/core/visibility-proof';

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

describe('clicks and keys on the break page', () => {
  it('act only once the page has been visible for about half a second', () => {
    let since = visibleSince(null, true, 10_000);
    expect(inputMayAct(since, 10_000)).toBe(false);
    expect(inputMayAct(since, 10_000 + VISIBLE_BEFORE_INPUT_MS - 1)).toBe(false);
    since = visibleSince(since, true, 10_300);
    expect(inputMayAct(since, 10_000 + VISIBLE_BEFORE_INPUT_MS)).toBe(true);
  });

  it('a page hidden (or covered) for a moment starts the wait again', () => {
    let since = visibleSince(null, true, 0);
    since = visibleSince(since, false, 2_000);
    expect(inputMayAct(since, 2_000)).toBe(false);
    since = visibleSince(since, true, 2_100);
    expect(inputMayAct(since, 2_400)).toBe(false);
    expect(inputMayAct(since, 2_600)).toBe(true);
  });

  it('a page never seen takes no input', () => {
    expect(inputMayAct(null, 1e12)).toBe(false);
  });
});
