// Applies the `theme` setting (system / light / dark) to a page, and keeps it applied when it changes.
import { browser } from '../platform/browser';
import { readSettings, type Settings } from '../core/rules/settings';
import { LAST_THEME_KEY, SETTINGS_KEY } from '../core/contracts/storage-keys';


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
    .get(SETTINGS_KEY)
    .then((stored) => applyAndRememberTheme(readSettings(stored[SETTINGS_KEY]).theme))
    .catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_KEY in changes) applyAndRememberTheme(readSettings(changes[SETTINGS_KEY]?.newValue).theme);
  });
}
