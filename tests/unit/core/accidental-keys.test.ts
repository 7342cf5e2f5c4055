// Accidental keys: a key already being typed when the prompt appears neither starts nor snoozes the break.
import { describe, expect, it } from 'vitest';
import { ACCIDENTAL_KEY_MS, guardKey, isClickFromSwallowedKey, isTooSoon, keyGuard, NO_PROMPT_YET, type KeyGuard } from '../../../src/core/rules/accidental-keys';

const APPEARED = 10_000;

/** Feeds a run of key events through the guard; what each one came to. */
function run(events: ReadonlyArray<readonly ['down' | 'up', string, number]>): { swallowed: boolean[]; guard: KeyGuard } {
  let guard = keyGuard(APPEARED);
  const swallowed: boolean[] = [];
  for (const [phase, key, at] of events) {
    const result = guardKey(guard, phase, key, at);
    swallowed.push(result.swallow);
    guard = result.guard;
  }
  return { swallowed, guard };
}

describe('the first second after the prompt appears', () => {
  it('is one second long, to the millisecond', () => {
    const guard = keyGuard(APPEARED);
    expect(ACCIDENTAL_KEY_MS).toBe(1_000);
    expect(isTooSoon(guard, APPEARED)).toBe(true);
    expect(isTooSoon(guard, APPEARED + 999)).toBe(true);
    expect(isTooSoon(guard, APPEARED + 1_000)).toBe(false);
  });

  it.each(['Enter', 'Escape', ' ', 'Spacebar'])('swallows %j pressed in it, and its release', (key) => {
    expect(run([['down', key, APPEARED + 300], ['up', key, APPEARED + 380]]).swallowed).toEqual([true, true]);
  });

  it('lets the same keys through once the second is over', () => {
    expect(run([['down', 'Enter', APPEARED + 1_000], ['up', 'Enter', APPEARED + 1_050]]).swallowed).toEqual([false, false]);
    expect(run([['down', 'Escape', APPEARED + 5_000]]).swallowed).toEqual([false]);
  });

  it('lets other keys through at any time (Tab still moves focus; letters answer nothing)', () => {
    expect(run([['down', 'Tab', APPEARED + 10], ['down', 'a', APPEARED + 20], ['up', 'a', APPEARED + 30]]).swallowed).toEqual([false, false, false]);
  });

  it('keeps swallowing a key held down from the first second: its auto-repeat and its late release', () => {
    const { swallowed, guard } = run([
      ['down', 'Enter', APPEARED + 900],
      ['down', 'Enter', APPEARED + 1_200],
      ['down', 'Enter', APPEARED + 1_250],
      ['up', 'Enter', APPEARED + 1_400],
    ]);
    expect(swallowed).toEqual([true, true, true, true]);
    expect(guard.held).toEqual([]);
  });

  it('lets the next, deliberate press of that key through once it was released after the second', () => {
    expect(run([['down', ' ', APPEARED + 500], ['up', ' ', APPEARED + 1_300], ['down', ' ', APPEARED + 1_600]]).swallowed).toEqual([true, true, false]);
  });

  it('does not swallow a release whose press it never saw', () => {
    expect(run([['up', 'Enter', APPEARED + 10]]).swallowed).toEqual([false]);
  });

  it('takes a keyboard click (detail 0) as the swallowed key only while that key is down; pointer clicks always count', () => {
    const holding = run([['down', ' ', APPEARED + 100]]).guard;
    expect(isClickFromSwallowedKey(holding, 0)).toBe(true);
    expect(isClickFromSwallowedKey(holding, 1)).toBe(false);
    const released = run([['down', ' ', APPEARED + 100], ['up', ' ', APPEARED + 200]]).guard;
    expect(isClickFromSwallowedKey(released, 0)).toBe(false);
    expect(isClickFromSwallowedKey(keyGuard(APPEARED), 0)).toBe(false);
  });

  it('while the break has not been seen long enough, every answer key is swallowed with its repeats and release, on any screen', () => {
    let guard = NO_PROMPT_YET;
    const down = guardKey(guard, 'down', 'Escape', 5_000, false);
    expect(down.swallow).toBe(true);
    guard = down.guard;
    // Seen long enough by now: the held key's repeat and release still go; the next press counts.
    expect(guardKey(guard, 'down', 'Escape', 5_600, true).swallow).toBe(true);
    guard = guardKey(guard, 'up', 'Escape', 5_700, true).guard;
    expect(guardKey(guard, 'down', 'Escape', 5_800, true).swallow).toBe(false);
    // Keys that answer nothing (arrows step the routine, letters) are not input the rule holds back.
    expect(guardKey(NO_PROMPT_YET, 'down', 'a', 5_000, false).swallow).toBe(false);
  });

  it('with no prompt shown yet (a page that opens on a running routine), no key is too soon', () => {
    expect(isTooSoon(NO_PROMPT_YET, 0)).toBe(false);
    expect(guardKey(NO_PROMPT_YET, 'down', 'Enter', 0).swallow).toBe(false);
  });
});
