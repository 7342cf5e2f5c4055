// Injected only when a break is due: lays the break page over the tab in a closed shadow root.
//
// The page can neither style nor read the break: the host carries its own !important inline
// styles, the shadow root is closed, and the break itself lives in an extension-origin iframe.

import browser from 'webextension-polyfill';

const HOST_TAG = 'unhunch-break-overlay';
const BREAK_PAGE = 'src/pages/break/index.html';

interface OverlayHandle {
  host: HTMLElement;
  close(): void;
}

declare global {
  // Lives in the extension's isolated world, invisible to the page's own scripts.
  var __unhunchOverlay: OverlayHandle | undefined;
}

function showOverlay(): void {
  const existing = globalThis.__unhunchOverlay;
  if (existing && existing.host.isConnected) return;

  const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const host = document.createElement(HOST_TAG);
  host.setAttribute(
    'style',
    [
      'all: initial',
      'display: block !important',
      'position: fixed !important',
      'inset: 0 !important',
      'width: 100vw !important',
      'height: 100vh !important',
      'z-index: 2147483647 !important',
      'visibility: visible !important',
      'opacity: 1 !important',
      'pointer-events: auto !important',
    ].join(';'),
  );
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  const extensionOrigin = browser.runtime.getURL('').replace(/\/$/, '');
  frame.src = `${browser.runtime.getURL(BREAK_PAGE)}?surface=overlay`;
  frame.title = 'Unhunch break';
  frame.setAttribute('allow', 'autoplay');
  frame.setAttribute(
    'style',
    'all: initial; display: block !important; visibility: visible !important; width: 100% !important; height: 100% !important; border: 0 !important; background: transparent !important;',
  );
  shadow.append(frame);

  const onMessage = (event: MessageEvent) => {
    // Only the break page in our own frame may close the overlay; the page can't forge its source.
    if (event.source !== frame.contentWindow || event.origin !== extensionOrigin) return;
    if (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === 'unhunch:close') {
      close();
    }
  };
  const close = () => {
    window.removeEventListener('message', onMessage);
    host.remove();
    globalThis.__unhunchOverlay = undefined;
    previouslyFocused?.focus({ preventScroll: true });
  };
  window.addEventListener('message', onMessage);
  frame.addEventListener('load', () => frame.focus(), { once: true });
  // Outside <body>, so a page that hides its body still shows the break.
  document.documentElement.append(host);
  globalThis.__unhunchOverlay = { host, close };
}

showOverlay();
