// The one accessor of the extension API for every part of Unhunch: the browser's own, promise-based one, without webextension-polyfill.
//
// Firefox has `browser`; Chrome's MV3 `chrome.*` returns promises for every call Unhunch makes,
// so the polyfill's 10 KB would buy nothing but a slower worker and first paint. The one
// difference it used to hide, a runtime.onMessage listener answering with a promise, is handled
// where the worker answers messages (background/requests.ts); no page answers messages.

import type { Browser } from 'webextension-polyfill';

const globals = globalThis as { browser?: Browser; chrome?: Browser };

export const browser: Browser = globals.browser ?? globals.chrome!;

/** For a call whose failure leaves nothing to do: the page, tab, window or notification it was for is gone. */
export const ignoreFailure = (): undefined => undefined;
