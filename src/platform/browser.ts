// The one accessor of the extension API for every part of Unhunch: webextension-polyfill.
//
// Where the browser has its own promise-based `browser` (Firefox; Chrome 148 and later) the
// polyfill hands that back unchanged and only its check runs; on an older Chrome it wraps
// `chrome.*` in promises, runtime.onMessage listeners that answer with a promise included.

import polyfilled, { type Browser } from 'webextension-polyfill';

export const browser: Browser = polyfilled;

/** For a call whose failure leaves nothing to do: the page, tab, window or notification it was for is gone. */
export const ignoreFailure = (): undefined => undefined;
