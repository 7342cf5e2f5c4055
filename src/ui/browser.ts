// The extension API for the break page, the popup and the overlay script: the same promise-based
// `browser` the worker uses, without webextension-polyfill (why: src/background/browser.ts). Their
// message listeners never answer, so the one thing the polyfill smooths over does not arise.
// The options and welcome pages keep the polyfill.
export { browser } from '../background/browser';
