// Every page saves the settings through one writer, and a field synced from a newer version survives any page's save.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from '../../../src/core/rules/settings-schema';
import { SETTINGS_KEY } from '../../../src/core/contracts/storage-keys';

vi.mock('../../../src/platform/browser', async (importOriginal) => ({ ...(await importOriginal<object>()), browser: fakeBrowser }));
const { saveSettings } = await import('../../../src/ui/save-settings');

async function stored(): Promise<Record<string, unknown>> {
  return (await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown>;
}

describe('saving the settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes what this version knows and keeps what a newer version on another computer added', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { workMinutes: 30, eyeBreaks: { every: 20 } } });
    await saveSettings({ ...readSettings(await stored()), workMinutes: 45 });
    expect(await stored()).toMatchObject({ workMinutes: 45, eyeBreaks: { every: 20 } });
  });

  it('over stored settings that are not an object (corrupted), writes the settings alone', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: 'garbage' });
    await saveSettings({ ...readSettings('garbage'), workMinutes: 20 });
    expect(await stored()).toMatchObject({ workMinutes: 20 });
    expect(readSettings(await stored()).workMinutes).toBe(20);
  });
});
