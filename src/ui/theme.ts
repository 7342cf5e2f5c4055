// Applies the `theme` setting (system / light / dark) to a page, and keeps it applied when it changes.
import { browser } from './browser';
import { readSettings, SETTINGS_STORAGE_KEY, type Settings } from '../core/settings-rules';

/** The theme a page last applied, in the extension's localStorage: read synchronously, before any settings read. */
const LAST_THEME_KEY = 'unhunch:theme';

export function applyTheme(theme: Settings['theme'], root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Applies the setting to this page and remembers it, so the next page opens in it without a flash. */
export function applyAndRememberTheme(theme: Settings['theme']): void {
  applyTheme(theme);
  try {
    localStorage.setItem(LAST_THEME_KEY, theme);
  } catch {
    // No localStorage here: the next page paints in the system's colours until its read.
  }
}

/** The first paint's guess at the setting, until the page has read the real one. */
export function applyLastKnownTheme(): void {
  try {
    const theme = localStorage.getItem(LAST_THEME_KEY);
    if (theme === 'light' || theme === 'dark') applyTheme(theme);
  } catch {
    // As above: the system's colours.
  }
}

/** Nothing waits for this: the page paints in the last known theme and switches if told otherwise. */
export function followThemeSetting(): void {
  applyLastKnownTheme();
  void browser.storage.sync
    .get(SETTINGS_STORAGE_KEY)
    .then((stored) => applyAndRememberTheme(readSettings(stored[SETTINGS_STORAGE_KEY]).theme))
    .catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_STORAGE_KEY in changes) applyAndRememberTheme(readSettings(changes[SETTINGS_STORAGE_KEY]?.newValue).theme);
  });
}
