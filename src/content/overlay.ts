// Injected only when a break is due: lays the break page over the tab in a closed shadow root, and says whether it shows.
//
// The page can neither style nor read the break: the host carries its own !important inline
// styles (inline beats the page's !important rules), the shadow root is closed, and the break
// itself lives in an extension-origin iframe. What inline styles cannot beat — a page that hides
// its own <html>, covers everything, or keeps deleting our element — is detected and reported,
// so the background can show the break in a window instead.
//
// Injecting this file only installs `__unhunchOverlayApi` (once per document); the background
// then calls `show(breakId)` / `close()` through `scripting.executeScript({ func })`
// (the contract: core/overlay-protocol.ts).

import { browser } from '../platform/browser';
import { BREAK_PAGE } from '../core/extension-paths';
import { isOverlayClose, type OverlayApi } from '../core/overlay-protocol';

const HOST_TAG = 'unhunch-break-overlay';
/** A page that removes or restyles the overlay more often than this is fighting it: give up. */
const MAX_REPAIRS = 3;

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

interface Current {
  breakId: number;
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

  function mount(breakId: number, pageQuery: string | undefined): Current {
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const host = document.createElement(HOST_TAG);
    host.setAttribute('style', HOST_STYLE);
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL(BREAK_PAGE)}?surface=overlay${pageQuery ? `&${pageQuery}` : ''}`;
    frame.title = 'Unhunch break';
    frame.setAttribute('allow', 'autoplay');
    frame.setAttribute('style', FRAME_STYLE);
    shadow.append(frame);

    let repairs = 0;

    const onMessage = (event: MessageEvent) => {
      // Only the break page in our own frame may close the overlay; the page can't forge its source.
      if (event.source !== frame.contentWindow || event.origin !== extensionOrigin) return;
      if (isOverlayClose(event.data)) {
        api.close();
      }
    };
    // Keyboard focus stays in the break while it shows; the page may not pull it back out.
    const onFocusIn = (event: FocusEvent) => {
      if (event.target !== host) frame.focus();
    };
    const observer = new MutationObserver(() => {
      if (host.isConnected && host.getAttribute('style') === HOST_STYLE) return;
      repairs += 1;
      if (repairs > MAX_REPAIRS || !document.documentElement) {
        giveUp();
        return;
      }
      if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
      if (!host.isConnected) document.documentElement.append(host);
    });

    function teardown(): void {
      observer.disconnect();
      window.removeEventListener('message', onMessage);
      document.removeEventListener('focusin', onFocusIn, true);
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
    frame.addEventListener('load', () => frame.focus(), { once: true });
    // Outside <body>, so a page that hides its body still shows the break.
    document.documentElement.append(host);
    frame.focus();
    observer.observe(document, { childList: true, subtree: true });
    observer.observe(host, { attributes: true });
    return { breakId, host, teardown };
  }

  const api: OverlayApi = {
    show(breakId, pageQuery) {
      if (gaveUpFor === breakId) return 'gave-up';
      if (current && (current.breakId !== breakId || !current.host.isConnected)) api.close();
      current ??= mount(breakId, pageQuery);
      if (isVisible(current.host)) return 'shown';
      api.close();
      return 'hidden';
    },
    close() {
      current?.teardown();
      current = null;
    },
  };
  return api;
}

globalThis.__unhunchOverlayApi ??= createApi();
