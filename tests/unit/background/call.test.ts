// Looking for a call signal: the focused window fullscreen (both browsers); Firefox's tabs using the camera, microphone or screen; Chrome never asked what it can't answer.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { tabIsInCall } from '../../../src/core/call';

vi.mock('../../../src/platform/browser', async (importOriginal) => ({ ...(await importOriginal<object>()), browser: fakeBrowser }));

type Query = Record<string, unknown>;

async function lookWith({ firefox, window, tabs }: { firefox: boolean; window: object; tabs: (query: Query) => object[] }) {
  vi.resetModules();
  fakeBrowser.reset();
  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  const asked: Query[] = [];
  browser.runtime!.getBrowserInfo = firefox ? async () => ({ name: 'Firefox' }) : undefined;
  browser.windows!.getLastFocused = async () => window;
  browser.tabs!.query = (query: Query) => {
    asked.push(query);
    // Chrome's schema check throws on a key it does not know, before any promise.
    if (!firefox && ('camera' in query || 'microphone' in query || 'screen' in query)) throw new TypeError('Unexpected property');
    return Promise.resolve(tabs(query));
  };
  const { findCallSignal } = await import('../../../src/background/call');
  return { found: await findCallSignal(), asked };
}

const normalWindow = { id: 1, focused: true, state: 'normal' };

describe('looking for a call signal', () => {
  it('a focused fullscreen window is one, in both browsers', async () => {
    for (const firefox of [true, false]) {
      expect((await lookWith({ firefox, window: { ...normalWindow, state: 'fullscreen' }, tabs: () => [] })).found).toBe(true);
      expect((await lookWith({ firefox, window: { ...normalWindow, focused: false, state: 'fullscreen' }, tabs: () => [] })).found).toBe(false);
    }
  });

  it('Firefox: a tab using the microphone (muted or not), the camera or sharing the screen is one', async () => {
    const microphone = await lookWith({ firefox: true, window: normalWindow, tabs: (q) => (q.microphone ? [{ id: 3, sharingState: { microphone: true, camera: false } }] : []) });
    expect(microphone.found).toBe(true);
    expect(microphone.asked).toEqual([{ camera: true }, { microphone: true }, { screen: true }]);
    expect((await lookWith({ firefox: true, window: normalWindow, tabs: (q) => (q.screen ? [{ id: 3, sharingState: { screen: 'Window' } }] : []) })).found).toBe(true);
    expect((await lookWith({ firefox: true, window: normalWindow, tabs: () => [] })).found).toBe(false);
  });

  it('Chrome is never asked about media it cannot report, and does not throw', async () => {
    const chrome = await lookWith({ firefox: false, window: normalWindow, tabs: () => [{ id: 1 }] });
    expect(chrome.found).toBe(false);
    expect(chrome.asked).toEqual([]);
  });

  it('a tab Firefox lists counts unless its sharing state says nothing is shared', () => {
    expect(tabIsInCall({})).toBe(true);
    expect(tabIsInCall({ sharingState: { camera: false, microphone: true } })).toBe(true);
    expect(tabIsInCall({ sharingState: { camera: false, microphone: false, screen: undefined } })).toBe(false);
  });
});
