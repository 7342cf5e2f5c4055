// The one writer of the settings, for every page: what this version knows is written, what it does not know stays.
import { browser } from '../platform/browser';
import { isPlainObject } from '../core/rules/fields';
import { toStoredSettings, type Settings } from '../core/rules/settings-schema';
import { SETTINGS_KEY } from '../core/contracts/storage-keys';

/**
 * Stores `settings`, keeping every field of the stored settings this version does not know:
 * storage.sync carries them from a newer version on another computer, and a page of this one must
 * not erase them by saving its own.
 */
export async function saveSettings(settings: Settings): Promise<void> {
  const stored = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  await browser.storage.sync.set({ [SETTINGS_KEY]: { ...(isPlainObject(stored) ? stored : {}), ...toStoredSettings(settings) } });
}
