// The break page's preferences: sound, voice and theme read from storage.sync `settings`, kept live, and the theme applied to <html>.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { preferencesFrom } from '../../../src/core/contracts/break-view';
import { applyTheme, loadPreferences, watchPreferences, type BreakPreferences } from '../../../src/pages/break/preferences';

vi.mock('../../../src/platform/browser', () => ({ browser: fakeBrowser }));

beforeEach(() => fakeBrowser.reset());

describe('preferencesFrom', () => {
  it('defaults to sound on, voice off, system theme', () => {
    expect(preferencesFrom(undefined)).toEqual({ sound: true, voice: false, theme: 'system' });
  });

  it("takes the user's choices", () => {
    expect(preferencesFrom({ sound: false, voice: true, theme: 'dark' })).toEqual({ sound: false, voice: true, theme: 'dark' });
  });
});

describe('loadPreferences and watchPreferences', () => {
  it('reads storage.sync `settings`', async () => {
    await fakeBrowser.storage.sync.set({ settings: { voice: true, theme: 'light' } });
    expect(await loadPreferences()).toEqual({ sound: true, voice: true, theme: 'light' });
  });

  it('hears changes made elsewhere, and stops hearing them when unsubscribed', async () => {
    const seen: BreakPreferences[] = [];
    const stop = watchPreferences((p) => seen.push(p));
    await fakeBrowser.storage.sync.set({ settings: { sound: false } });
    await fakeBrowser.storage.local.set({ settings: { sound: true } });
    stop();
    await fakeBrowser.storage.sync.set({ settings: { theme: 'dark' } });
    expect(seen).toEqual([{ sound: false, voice: false, theme: 'system' }]);
  });
});

describe('applyTheme', () => {
  it('sets data-theme for light and dark, and removes it for system', () => {
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
