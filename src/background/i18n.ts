// The background's user-visible strings (badge titles, notifications), each from _locales.

import { browser } from './browser';

export function t(key: string, substitutions?: string | string[]): string {
  // An empty answer means a missing key: show the key so the gap is visible, not a blank.
  return browser.i18n.getMessage(key, substitutions) || key;
}
