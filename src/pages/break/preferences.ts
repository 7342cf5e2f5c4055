// The user's choices that shape the break page (sound, voice, theme), read from storage.sync and kept live.
import type { Storage } from 'webextension-polyfill';
import type { Settings } from '../../core/settings';
import { browser } from '../../ui/browser';

export type BreakPreferences = Pick<Settings, 'sound' | 'voice' | 'theme'>;

const SETTINGS_KEY = 'settings';

/**
 * The settings schema (and its validation library) is loaded only once the page has painted, or
 * alongside the storage read it validates: the prompt's first paint needs neither.
 */
const settingsModule = () => import('../../core/settings');

export async function preferencesFrom(stored: unknown): Promise<BreakPreferences> {
  const { sound, voice, theme } = (await settingsModule()).readSettings(stored);
  return { sound, voice, theme };
}

/** `system` leaves colours to `prefers-color-scheme`; light and dark override it (see ui/theme.css). */
export { applyTheme } from '../../ui/theme';

export async function loadPreferences(): Promise<BreakPreferences> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
  return preferencesFrom(stored[SETTINGS_KEY]);
}

/** Calls `onChange` whenever the settings change in another page (the options page, another device). */
export function watchPreferences(onChange: (preferences: BreakPreferences) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) void preferencesFrom(changes[SETTINGS_KEY]?.newValue).then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
