// The extension API as the background uses it: the browser's own, promise-based one, without webextension-polyfill.
//
// Firefox has `browser`; Chrome's MV3 `chrome.*` returns promises for everything the worker
// calls, so the polyfill's 10 KB would buy the worker nothing. The one difference it used to
// hide, runtime.onMessage, is handled where the worker answers messages (requests.ts). The
// extension pages keep the polyfill.

import type { Browser } from 'webextension-polyfill';

const globals = globalThis as { browser?: Browser; chrome?: Browser };

export const browser: Browser = globals.browser ?? globals.chrome!;

/** For a call whose failure leaves nothing to do: the page, tab, window or notification it was for is gone. */
export const ignoreFailure = (): undefined => undefined;

/** A pause of a second or less inside a running handler, for the browser to settle (a tab closing, a page reconnecting). */
export function pause(ms: number): Promise<void> {
  // eslint-disable-next-line no-restricted-globals -- nothing here outlives the worker
  return new Promise((resolve) => setTimeout(resolve, ms));
}
