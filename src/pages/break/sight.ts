// The break page's side of the sight rule (core/rules/visibility-proof.ts): it looks at itself, and a click or key counts only once the break has been seen for a moment.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isOverlayUnproven, OVERLAY_COVERED } from '../../core/contracts/overlay-protocol';
import { answersInput, isCoveredTooLong, lookedAtSelf, nextSightChangeAt, NOT_SEEN, PROOF_CHECK_MS, type SelfLook } from '../../core/rules/visibility-proof';

/**
 * Chrome's IntersectionObserver v2: the browser itself says whether it draws the element
 * uncovered, unfaded and untransformed. Where it is missing (Firefox), the page knows only whether
 * its document is shown, and the overlay script's own hit tests stand in for the rest.
 */
const drawsVisibility = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** IntersectionObserver v2 reports no more often than this (its minimum `delay`). */
const VISIBILITY_REPORT_MS = 100;

type VisibilityObserverInit = IntersectionObserverInit & { trackVisibility: boolean; delay: number };

/**
 * From the first paint on, looks at whether the person can see this page. Until the break has
 * been seen without a gap for SEEN_BEFORE_INPUT_MS, a clear pane lies over the whole page: a
 * pointer presses nothing, not even for a moment (keys go through `useAccidentalKeyGuard`, which
 * asks the returned ref). An overlay Chrome draws covered for about a second tells the overlay
 * script, which gives the break up to its window. Returns whether input counts now (the page
 * marks it, and tests wait for it) and a ref with the same, current at every event.
 */
export function useSight(surface: 'overlay' | 'window'): { answering: boolean; answeringRef: { readonly current: boolean } } {
  const [answering, setAnswering] = useState(false);
  const answeringRef = useRef(false);

  useLayoutEffect(() => {
    let sight = NOT_SEEN;
    /** What IntersectionObserver v2 last said; null before its first report (nothing is drawn yet). */
    let drawnUncovered: boolean | null = drawsVisibility ? null : true;
    let toldCovered = false;
    /** After the overlay script's "unproven", the break counts as unseen until its next look has had its chance. */
    let unseenUntil = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unseenTimer: ReturnType<typeof setTimeout> | undefined;
    const shield = document.createElement('div');
    shield.className = 'input-shield';
    shield.setAttribute('aria-hidden', 'true');

    const currentLook = (): SelfLook => {
      if (document.visibilityState !== 'visible' || drawnUncovered === null || performance.now() < unseenUntil) return 'hidden';
      return drawnUncovered ? 'seen' : 'covered';
    };

    const settle = () => {
      const now = performance.now();
      const open = answersInput(sight, now);
      answeringRef.current = open;
      setAnswering(open);
      if (open) shield.remove();
      else if (!shield.isConnected) document.body.append(shield);
      if (surface === 'overlay' && !toldCovered && isCoveredTooLong(sight, now)) {
        toldCovered = true;
        window.parent.postMessage({ type: OVERLAY_COVERED }, '*');
      }
      clearTimeout(timer);
      const next = nextSightChangeAt(sight, now);
      if (next !== null) timer = setTimeout(settle, next - now);
    };

    const look = () => {
      sight = lookedAtSelf(sight, currentLook(), performance.now());
      settle();
    };

    const observer = drawsVisibility
      ? new IntersectionObserver(
          (entries) => {
            const latest = entries[entries.length - 1];
            if (!latest) return;
            drawnUncovered = latest.isIntersecting && (latest as IntersectionObserverEntry & { isVisible: boolean }).isVisible;
            look();
          },
          { trackVisibility: true, delay: VISIBILITY_REPORT_MS } as VisibilityObserverInit,
        )
      : null;
    // The whole page: anything drawn over any part of the break counts as covering it.
    observer?.observe(document.documentElement);

    const onVisibility = () => look();
    // The overlay script found no proof, or saw a cover coming: unseen until its next look, and
    // the moment of being seen starts again after it.
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || !isOverlayUnproven(event.data)) return;
      unseenUntil = performance.now() + PROOF_CHECK_MS;
      look();
      clearTimeout(unseenTimer);
      // A millisecond past it, so the look finds the gap over.
      unseenTimer = setTimeout(look, PROOF_CHECK_MS + 1);
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('message', onMessage);
    look();
    return () => {
      clearTimeout(timer);
      clearTimeout(unseenTimer);
      observer?.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('message', onMessage);
      shield.remove();
    };
  }, [surface]);

  return { answering, answeringRef };
}
