// Every user-visible string, in the pages and the background, goes through here, so each one comes from _locales.

import { browser } from './browser';

export function t(key: string, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  // An empty answer means a missing key: show the key so the gap is visible, not a blank.
  return message || key;
}
