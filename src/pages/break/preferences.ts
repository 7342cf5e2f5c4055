// The user's choices that shape the break page (sound, voice, theme), read from storage.sync and kept live.
import type { Storage } from 'webextension-polyfill';
import { readSettings, SETTINGS_STORAGE_KEY, type Settings } from '../../core/settings-rules';
import { browser } from '../../ui/browser';

export type BreakPreferences = Pick<Settings, 'sound' | 'voice' | 'theme'>;

// The plain rules table, not the options page's valibot schema: reading needs no validation library.
export function preferencesFrom(stored: unknown): BreakPreferences {
  const { sound, voice, theme } = readSettings(stored);
  return { sound, voice, theme };
}

/** `system` leaves colours to `prefers-color-scheme`; light and dark override it (see ui/theme.css). */
export { applyTheme } from '../../ui/theme';

export async function loadPreferences(): Promise<BreakPreferences> {
  const stored = await browser.storage.sync.get(SETTINGS_STORAGE_KEY).catch(() => ({}) as Record<string, unknown>);
  return preferencesFrom(stored[SETTINGS_STORAGE_KEY]);
}

/** Calls `onChange` whenever the settings change in another page (the options page, another device). */
export function watchPreferences(onChange: (preferences: BreakPreferences) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === 'sync' && SETTINGS_STORAGE_KEY in changes) onChange(preferencesFrom(changes[SETTINGS_STORAGE_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
