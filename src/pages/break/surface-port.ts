// The break page's line to the background while it shows a pending break: its going tells the background the surface is gone.
import type { Runtime } from 'webextension-polyfill';
import { browser } from '../../platform/browser';
import { isSurfaceLeave, SURFACE_HEARTBEAT_MS, SURFACE_PORT, type SurfaceMessage } from '../../core/contracts/messages';

/** A page the background keeps refusing must not spin: at most one new connection per this long. */
const RECONNECT_GAP_MS = 1_000;

/**
 * Holds the surface port for `breakId` (naming the page's `token`) until the returned function is called; `onLeave` runs when
 * the background says the break now shows elsewhere.
 *
 * - The background's own stop (Chrome stops an idle worker, Firefox suspends an event page, a
 *   browser update) closes the port too: the page connects again at once, which wakes it.
 * - A page entering the back/forward cache keeps its document alive but is no longer seen.
 *   Chrome closes its ports itself; Firefox keeps them open, so the page lets go on `pagehide`
 *   and connects again if it is shown again.
 */
export function holdSurfacePort(breakId: number, token: string, onLeave: () => void): () => void {
  const showing: SurfaceMessage = { type: 'surface:showing', breakId, token };
  let port: Runtime.Port | null = null;
  let hidden = false;
  let released = false;
  let lastConnectAt = -Infinity;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function connect(): void {
    if (released || hidden || port) return;
    const waitMs = lastConnectAt + RECONNECT_GAP_MS - performance.now();
    if (waitMs > 0) {
      retry ??= setTimeout(() => {
        retry = undefined;
        connect();
      }, waitMs);
      return;
    }
    lastConnectAt = performance.now();
    try {
      const opened = browser.runtime.connect({ name: SURFACE_PORT });
      port = opened;
      opened.onMessage.addListener((message: unknown) => {
        if (isSurfaceLeave(message)) onLeave();
      });
      opened.onDisconnect.addListener(() => {
        if (port === opened) port = null;
        connect();
      });
      opened.postMessage(showing);
    } catch {
      // The extension was reloaded or removed: there is no background to tell anything.
      port = null;
    }
  }

  function letGo(): void {
    const open = port;
    port = null;
    open?.disconnect();
  }

  const heartbeat = setInterval(() => port?.postMessage(showing), SURFACE_HEARTBEAT_MS);
  const onPageHide = () => {
    hidden = true;
    letGo();
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    hidden = false;
    connect();
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);
  connect();

  return () => {
    released = true;
    clearInterval(heartbeat);
    clearTimeout(retry);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('pageshow', onPageShow);
    letGo();
  };
}
