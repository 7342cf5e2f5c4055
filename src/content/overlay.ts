// Injected only when a break is due: lays the break page over the tab in a closed shadow root, and says whether it shows.
//
// The page can neither style nor read the break: the host is a built-in element carrying its own
// !important inline styles (inline beats the page's !important rules), its shadow root is closed,
// and the break itself lives in an extension-origin iframe. The host sits in the top layer (a
// manual popover), above anything the page draws, and goes back on top whenever the page opens a
// popover or dialog, goes fullscreen or changes <html>. Twice a second it looks for positive proof
// that the break can be seen (`isProved`; a user-origin stylesheet the background inserts keeps
// the page's styles off it); a look without proof also tells the break page to take no input
// until it is seen again for a moment. What it cannot beat (no proof for about a second, the
// break page reporting that Chrome draws it covered, a page that keeps a modal dialog open or
// keeps deleting our element) makes the overlay give up: its frame's port goes, and the
// background shows the break in a window.
//
// Injecting this file only installs `__unhunchOverlayApi` (once per document); the background
// then calls `show(breakId)` / `close()` through `scripting.executeScript({ func })`
// (the contract: core/contracts/overlay-protocol.ts).

import { browser } from '../platform/browser';
import { t } from '../platform/i18n';
import { BREAK_PAGE } from '../core/contracts/extension-paths';
import { HOST_MARK, isOverlayClose, isOverlayCovered, OVERLAY_UNPROVEN, type OverlayApi } from '../core/contracts/overlay-protocol';
import { lookedAtBreak, PROOF_CHECK_MS, PROVED } from '../core/rules/visibility-proof';

/** A page that removes or restyles the overlay more often than this is fighting it: give up. */
const MAX_REPAIRS = 3;
/** After the page changes the top layer or <html>, how long until the break is looked at again. */
const RECHECK_MS = 150;

const HOST_STYLE = [
  'all: initial !important',
  'display: block !important',
  'position: fixed !important',
  'inset: 0 !important',
  'width: 100vw !important',
  'height: 100vh !important',
  'margin: 0 !important',
  'padding: 0 !important',
  'z-index: 2147483647 !important',
  'visibility: visible !important',
  'opacity: 1 !important',
  'pointer-events: auto !important',
].join('; ');

const FRAME_STYLE = [
  'all: initial !important',
  'display: block !important',
  'visibility: visible !important',
  'opacity: 1 !important',
  'width: 100% !important',
  'height: 100% !important',
  'border: 0 !important',
  'background: transparent !important',
].join('; ');

/** Where the proof hit-tests the viewport, as fractions of its width and height: the centre and near each corner. */
const PROOF_POINTS: readonly (readonly [number, number])[] = [
  [0.5, 0.5],
  [0.1, 0.1],
  [0.9, 0.1],
  [0.1, 0.9],
  [0.9, 0.9],
];
const PSEUDO_ELEMENTS = ['::before', '::after'];
/** A pseudo-element's computed `content` when it draws nothing. */
const NO_CONTENT: ReadonlySet<string> = new Set(['none', 'normal']);

/**
 * A view transition draws its pseudo-elements above everything, the top layer included, and with
 * `pointer-events: none` on them a click passes through to the break beneath: neither our hit
 * tests nor the top layer can see it, so while one runs the break counts as covered.
 */
function viewTransitionRuns(): boolean {
  try {
    if (document.documentElement.matches(':active-view-transition')) return true;
  } catch {
    // An older browser without the pseudo-class: its animations tell.
  }
  return document.getAnimations().some((animation) => isViewTransitionPart((animation.effect as KeyframeEffect | null)?.pseudoElement));
}

function isViewTransitionPart(pseudoElement: string | null | undefined): boolean {
  return pseudoElement?.startsWith('::view-transition') ?? false;
}

function isOpenPopover(host: HTMLElement): boolean {
  try {
    return host.matches(':popover-open');
  } catch {
    // No popovers (an old browser): the hit tests have to do.
    return true;
  }
}

interface Current {
  breakId: number;
  /** `performance.now()` when this document began showing the break. */
  mountedAt: number;
  host: HTMLElement;
  teardown(): void;
}

function createApi(): OverlayApi {
  let current: Current | null = null;
  /** The break this page fought off; it is not offered here again. */
  let gaveUpFor: number | null = null;
  const extensionOrigin = browser.runtime.getURL('').replace(/\/$/, '');

  function isVisible(host: HTMLElement): boolean {
    if (!host.isConnected) return false;
    if (typeof host.checkVisibility === 'function' && !host.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
      return false;
    }
    const rect = host.getBoundingClientRect();
    if (rect.width < window.innerWidth * 0.5 || rect.height < window.innerHeight * 0.5) return false;
    // Something drawn above us (a top-layer dialog, fullscreen) hides the break as surely as display: none.
    return document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2) === host;
  }

  /**
   * The positive proof that the person sees the break, looked at about twice a second: the host is
   * directly under <html> (not under a hidden ancestor, not in the page's shadow root or a frame),
   * open in the top layer, draws no pseudo-element of the page's over the break, no view transition
   * of the page's is drawn above it, and is what the
   * page hit-tests to at its centre and near its corners (nothing of the page's, in its shadow
   * roots or not, sits above it; a modal of the page's would make it inert and fail this too).
   */
  function isProved(host: HTMLElement): boolean {
    if (host.parentNode !== document.documentElement || !isOpenPopover(host) || !isVisible(host)) return false;
    if (PSEUDO_ELEMENTS.some((pseudo) => !NO_CONTENT.has(getComputedStyle(host, pseudo).content))) return false;
    if (viewTransitionRuns()) return false;
    return PROOF_POINTS.every(([x, y]) => document.elementFromPoint(window.innerWidth * x, window.innerHeight * y) === host);
  }

  function mount(breakId: number, pageQuery: string | undefined): Current {
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    const frameSrc = `${browser.runtime.getURL(BREAK_PAGE)}?surface=overlay${pageQuery ? `&${pageQuery}` : ''}`;
    setUpHost();
    setUpFrame();
    shadow.append(frame);

    let repairs = 0;
    let recheck: ReturnType<typeof setTimeout> | undefined;

    function setUpHost(): void {
      host.setAttribute(HOST_MARK, '');
      host.setAttribute('style', HOST_STYLE);
      host.setAttribute('popover', 'manual');
    }

    function setUpFrame(): void {
      frame.src = frameSrc;
      // Content scripts have i18n: the title a screen reader gives the frame is in the browser's language.
      frame.title = t('breakPageTitle');
      frame.setAttribute('allow', 'autoplay');
      frame.setAttribute('style', FRAME_STYLE);
    }

    /** To the top of the top layer: above whatever the page put there since. */
    function raise(): void {
      try {
        if (host.matches(':popover-open')) host.hidePopover();
        host.showPopover();
      } catch {
        // No popovers (an old browser) or not connected yet: the z-index alone has to do.
      }
    }

    /** A page fighting the overlay more often than MAX_REPAIRS wins: give up (the break moves to a window). */
    function repaired(): boolean {
      repairs += 1;
      if (repairs > MAX_REPAIRS || !document.documentElement) {
        giveUp();
        return false;
      }
      return true;
    }

    const onMessage = (event: MessageEvent) => {
      // Only the break page in our own frame may close the overlay; the page can't forge its source.
      if (event.source !== frame.contentWindow || event.origin !== extensionOrigin) return;
      if (isOverlayClose(event.data)) {
        api.close();
      } else if (isOverlayCovered(event.data)) {
        // The browser itself drew the break covered for about a second (Chrome): as without our own proof.
        giveUp();
      }
    };
    // Keyboard focus stays in the break while it shows; the page may not pull it back out.
    const onFocusIn = (event: FocusEvent) => {
      if (event.target !== host) frame.focus();
    };
    // The page removed or restyled our element: put it back as it was.
    const hostObserver = new MutationObserver(() => {
      const intact = host.isConnected && host.getAttribute('style') === HOST_STYLE && host.hasAttribute(HOST_MARK) && host.getAttribute('popover') === 'manual';
      if (intact || !repaired()) return;
      setUpHost();
      if (!host.isConnected) document.documentElement.append(host);
      raise();
    });
    // Nothing of the page's should reach into the closed root; if anything does, the frame is put back.
    const frameObserver = new MutationObserver(() => {
      if (frame.isConnected && frame.getAttribute('style') === FRAME_STYLE && frame.src === frameSrc) return;
      if (!repaired()) return;
      setUpFrame();
      if (!frame.isConnected) shadow.append(frame);
    });
    // The page changed the top layer (its own popover or dialog, fullscreen) or <html>: back on
    // top, then look again a moment later whether the break can still be seen and used.
    const onPageChange = (event?: Event) => {
      // Our own hide-and-show ends open; a page that closed our popover is fought like any repair.
      if (event?.target === host && (host.matches(':popover-open') || !repaired())) return;
      raise();
      clearTimeout(recheck);
      recheck = setTimeout(() => {
        if (current?.host !== host) return;
        if (isVisible(host) && !document.querySelector('dialog:modal')) return;
        if (repaired()) onPageChange();
      }, RECHECK_MS);
    };
    const htmlObserver = new MutationObserver(() => onPageChange());
    // A view transition starting is a cover coming: no input until the next looks have seen the break again.
    const onAnimationStart = (event: AnimationEvent) => {
      if (isViewTransitionPart(event.pseudoElement)) tellUnproven();
    };

    function tellUnproven(): void {
      frame.contentWindow?.postMessage({ type: OVERLAY_UNPROVEN }, extensionOrigin);
    }

    // Twice a second while the break shows: proof that it can be seen, or back on top; without
    // proof for about a second, the break leaves this page for its window.
    let proof = PROVED;
    const proofTimer = setInterval(() => {
      if (current?.host !== host) return;
      const look = lookedAtBreak(proof, isProved(host), Date.now());
      proof = look.state;
      if (look.verdict === 'give-up') giveUp();
      else if (look.verdict === 'repair') {
        // Whatever covered the break may have steered a click onto it: no input until it is seen again for a moment.
        tellUnproven();
        putBack();
      }
    }, PROOF_CHECK_MS);

    /** Under <html> and on top again (the page moved the host or drew something above it); a hidden <html> is not ours to fix here. */
    function putBack(): void {
      if (host.parentNode !== document.documentElement) document.documentElement.append(host);
      raise();
    }

    function teardown(): void {
      clearInterval(proofTimer);
      hostObserver.disconnect();
      frameObserver.disconnect();
      htmlObserver.disconnect();
      clearTimeout(recheck);
      window.removeEventListener('message', onMessage);
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('toggle', onPageChange, true);
      document.removeEventListener('fullscreenchange', onPageChange, true);
      document.removeEventListener('animationstart', onAnimationStart, true);
      host.remove();
      if (previouslyFocused?.isConnected) previouslyFocused.focus({ preventScroll: true });
    }

    function giveUp(): void {
      teardown();
      if (current?.host === host) current = null;
      // The frame's port goes with it (or never came); the background then asks here again,
      // hears "gave-up" and shows the break in a window.
      gaveUpFor = breakId;
    }

    window.addEventListener('message', onMessage);
    document.addEventListener('focusin', onFocusIn, true);
    // `toggle` does not bubble; a capturing listener still hears every popover and dialog.
    document.addEventListener('toggle', onPageChange, true);
    document.addEventListener('fullscreenchange', onPageChange, true);
    document.addEventListener('animationstart', onAnimationStart, true);
    frame.addEventListener('load', () => frame.focus(), { once: true });
    // Outside <body>, so a page that hides its body still shows the break.
    document.documentElement.append(host);
    raise();
    frame.focus();
    hostObserver.observe(document, { childList: true, subtree: true });
    hostObserver.observe(host, { attributes: true });
    frameObserver.observe(shadow, { childList: true, subtree: true, attributes: true });
    htmlObserver.observe(document.documentElement, { attributes: true });
    return { breakId, mountedAt: performance.now(), host, teardown };
  }

  const api: OverlayApi = {
    show(breakId, pageQuery) {
      if (gaveUpFor === breakId) return 'gave-up';
      if (current && (current.breakId !== breakId || !current.host.isConnected)) api.close();
      current ??= mount(breakId, pageQuery);
      if (isProved(current.host)) return 'shown';
      api.close();
      return 'hidden';
    },
    close() {
      current?.teardown();
      current = null;
    },
    giveUpIfSilent(breakId, shownForMs) {
      if (current?.breakId !== breakId || performance.now() - current.mountedAt < shownForMs) return false;
      api.close();
      gaveUpFor = breakId;
      return true;
    },
  };
  return api;
}

globalThis.__unhunchOverlayApi ??= createApi();
