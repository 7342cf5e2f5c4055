// When the overlay's break counts as seen.
import { describe, expect, it } from 'vitest';
import { lookedAtBreak, PROOF_MISSING_LIMIT_MS, PROVED, type ProofState } from '../../../src/core/visibility-proof';

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
