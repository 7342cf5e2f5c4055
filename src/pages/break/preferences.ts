// The user's choices that shape the break page (sound, voice, theme), read from storage.sync and kept live.
import browser from 'webextension-polyfill';
import { readSettings, type Settings } from '../../core/settings';

export type BreakPreferences = Pick<Settings, 'sound' | 'voice' | 'theme'>;

const SETTINGS_KEY = 'settings';

export function preferencesFrom(stored: unknown): BreakPreferences {
  const { sound, voice, theme } = readSettings(stored);
  return { sound, voice, theme };
}

/** `system` leaves colours to `prefers-color-scheme`; light and dark override it (see ui/theme.css). */
export { applyTheme } from '../../ui/theme';

export async function loadPreferences(): Promise<BreakPreferences> {
  try {
    const stored = await browser.storage.sync.get(SETTINGS_KEY);
    return preferencesFrom(stored[SETTINGS_KEY]);
  } catch {
    return preferencesFrom(undefined);
  }
}

/** Calls `onChange` whenever the settings change in another page (the options page, another device). */
export function watchPreferences(onChange: (preferences: BreakPreferences) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) onChange(preferencesFrom(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
