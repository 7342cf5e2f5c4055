// The break page's preferences (sound, voice, theme), read from storage.sync and kept live.
import type { Storage } from 'webextension-polyfill';
import { preferencesFrom, type BreakPreferences } from '../../core/contracts/break-view';
import { SETTINGS_KEY } from '../../core/contracts/storage-keys';
import { browser } from '../../platform/browser';

export type { BreakPreferences };

/** `system` leaves colours to `prefers-color-scheme`; light and dark override it (see ui/theme.css). */
export { applyTheme } from '../../ui/theme';

export async function loadPreferences(): Promise<BreakPreferences> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
  return preferencesFrom(stored[SETTINGS_KEY]);
}

/** Calls `onChange` whenever the settings change in another page (the options page, another device). */
export function watchPreferences(onChange: (preferences: BreakPreferences) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) onChange(preferencesFrom(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
