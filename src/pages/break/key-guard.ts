// The break page's side of the accidental-key rule (core/accidental-keys.ts): swallows the keys someone was already typing when the prompt appeared.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ACCIDENTAL_KEY_MS, guardKey, isClickFromSwallowedKey, keyGuard, type KeyGuard } from '../../core/accidental-keys';

/**
 * From the moment the prompt first shows, key events go through the rule before anything else on
 * the page hears them (a capturing listener on the window): a swallowed key neither reaches the
 * page's Enter and Escape handlers nor presses the focused button. Pointer clicks always count.
 * Returns whether keys are answered yet, for the page to mark (tests wait for it).
 */
export function useAccidentalKeyGuard(promptShown: boolean): boolean {
  const guard = useRef<KeyGuard | null>(null);
  const readyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [ready, setReady] = useState(false);

  // Before the paint, both: the rule's clock starts when the prompt can first be seen, and no key reaches it unguarded.
  useLayoutEffect(() => {
    if (!promptShown || guard.current) return;
    // Key events carry their time on the same clock (the page's time origin).
    guard.current = keyGuard(performance.now());
    readyTimer.current = setTimeout(() => setReady(true), ACCIDENTAL_KEY_MS);
  }, [promptShown]);

  useLayoutEffect(() => {
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      if (!guard.current) return;
      const result = guardKey(guard.current, event.type === 'keyup' ? 'up' : 'down', event.key, event.timeStamp);
      guard.current = result.guard;
      if (result.swallow) swallow(event);
    };
    const onClick = (event: MouseEvent) => {
      if (guard.current && isClickFromSwallowedKey(guard.current, event.detail)) swallow(event);
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
  }, []);

  return ready;
}
