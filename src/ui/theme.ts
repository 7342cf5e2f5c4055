// Applies the `theme` setting (system / light / dark) to a page, and keeps it applied when it changes.
import browser from 'webextension-polyfill';
import { readSettings, SETTINGS_STORAGE_KEY, type Settings } from '../core/settings';

export function applyTheme(theme: Settings['theme'], root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Nothing waits for this: the page paints in the system's colours and switches if told otherwise. */
export function followThemeSetting(): void {
  void browser.storage.sync
    .get(SETTINGS_STORAGE_KEY)
    .then((stored) => applyTheme(readSettings(stored[SETTINGS_STORAGE_KEY]).theme))
    .catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_STORAGE_KEY in changes) applyTheme(readSettings(changes[SETTINGS_STORAGE_KEY]?.newValue).theme);
  });
}
