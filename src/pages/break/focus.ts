// Focus on screen changes: each screen of the break page puts focus on its heading or primary button when it appears.
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element gets focus when the component mounts. `autofocus` is not enough: the
 * browser honours it once per document, so later screens would leave focus on nothing.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  // Before the paint: the first frame of a screen already shows where keys go.
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
