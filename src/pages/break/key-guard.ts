// The break page's side of the accidental-key rule (core/rules/accidental-keys.ts): swallows the keys someone was already typing when the prompt appeared, and every answer key while the break has not been seen long enough.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ACCIDENTAL_KEY_MS, guardKey, isClickFromSwallowedKey, NO_PROMPT_YET, type KeyGuard } from '../../core/rules/accidental-keys';

/**
 * Key events go through the rule before anything else on the page hears them (a capturing
 * listener on the window): a swallowed key neither reaches the page's Enter and Escape handlers
 * nor presses the focused button. From the moment the prompt first shows, its first second
 * counts as typing already under way; on every screen, `answering` (useSight) says whether input
 * counts at all. Pointer clicks are useSight's to judge. Returns whether keys are answered on the
 * prompt yet, for the page to mark (tests wait for it).
 */
export function useAccidentalKeyGuard(promptShown: boolean, answering: { readonly current: boolean }): boolean {
  const guard = useRef<KeyGuard>(NO_PROMPT_YET);
  const promptSeen = useRef(false);
  const readyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [ready, setReady] = useState(false);

  // Before the paint, both: the rule's clock starts when the prompt can first be seen, and no key reaches it unguarded.
  useLayoutEffect(() => {
    if (!promptShown || promptSeen.current) return;
    promptSeen.current = true;
    // Key events carry their time on the same clock (the page's time origin).
    guard.current = { ...guard.current, appearedAt: performance.now() };
    readyTimer.current = setTimeout(() => setReady(true), ACCIDENTAL_KEY_MS);
  }, [promptShown]);

  useLayoutEffect(() => {
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      const result = guardKey(guard.current, event.type === 'keyup' ? 'up' : 'down', event.key, event.timeStamp, answering.current);
      guard.current = result.guard;
      if (result.swallow) swallow(event);
    };
    const onClick = (event: MouseEvent) => {
      if (isClickFromSwallowedKey(guard.current, event.detail)) swallow(event);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    window.addEventListener('click', onClick, true);
    return () => {
      clearTimeout(readyTimer.current);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      window.removeEventListener('click', onClick, true);
    };
  }, [answering]);

  return ready;
}
