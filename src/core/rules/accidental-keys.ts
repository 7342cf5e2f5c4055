// Accidental keys: someone typing when the break prompt appears must not start or snooze it with the keys they were already pressing.
// Pure: the break page feeds it each key event with its time and does what it says.

/** A key pressed this soon after the prompt appears is taken as typing that was already under way. */
export const ACCIDENTAL_KEY_MS = 1_000;

/** The keys that answer the prompt: Enter starts (or presses the focused button), Escape snoozes, Space presses the focused button. */
const ANSWER_KEYS: ReadonlySet<string> = new Set(['Enter', 'Escape', ' ', 'Spacebar']);

export interface KeyGuard {
  /** When the prompt appeared (the same clock as the key events' times). */
  readonly appearedAt: number;
  /** Keys whose press was swallowed and which are still down: their repeats and release go too. */
  readonly held: readonly string[];
}

export function keyGuard(appearedAt: number): KeyGuard {
  return { appearedAt, held: [] };
}

/** Before any prompt has appeared (a page that opens on a running routine): no key is too soon. */
export const NO_PROMPT_YET: KeyGuard = keyGuard(-Infinity);

/** Whether a key pressed at `at` falls in the first moments after the prompt appeared. */
export function isTooSoon(guard: KeyGuard, at: number): boolean {
  return at - guard.appearedAt < ACCIDENTAL_KEY_MS;
}

/**
 * What to do with one key event: `swallow` it (no start, no snooze, no button press) or let it
 * through. An answer key pressed too soon, or while the page does not answer input at all
 * (`answering` false: the break has not been seen long enough, core/rules/visibility-proof.ts), is
 * swallowed, and so is everything that key does until it is released (auto-repeat, and the
 * release that presses a focused button with Space), even once the first moments are over.
 */
export function guardKey(guard: KeyGuard, phase: 'down' | 'up', key: string, at: number, answering = true): { swallow: boolean; guard: KeyGuard } {
  const isHeld = guard.held.includes(key);
  if (phase === 'up') {
    return isHeld ? { swallow: true, guard: { ...guard, held: guard.held.filter((k) => k !== key) } } : { swallow: false, guard };
  }
  if (isHeld) return { swallow: true, guard };
  if (ANSWER_KEYS.has(key) && (!answering || isTooSoon(guard, at))) return { swallow: true, guard: { ...guard, held: [...guard.held, key] } };
  return { swallow: false, guard };
}

/** A click the browser makes from a key (no pointer: `detail` 0) while a swallowed key is down comes from that key. */
export function isClickFromSwallowedKey(guard: KeyGuard, clickDetail: number): boolean {
  return clickDetail === 0 && guard.held.length > 0;
}
