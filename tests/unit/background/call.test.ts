// Looking for a call signal: the focused window fullscreen (both browsers); Firefox's tabs using the camera, microphone or screen; Chrome never asked what it can't answer; meeting sites' tabs only when opted in and granted.
import { describe, expect, it } from 'vitest';
import { tabIsInCall } from '../../../src/core/rules/call';
import { MEETING_MATCHES } from '../../../src/core/rules/meetings';
import { fakeBrowser, loadBackground, resetBrowser, type FocusedWindow } from '../../support/fake-background';

type Query = Record<string, unknown>;

interface Look {
  firefox: boolean;
  window: FocusedWindow;
  tabs: (query: Query) => object[];
  /** The person turned "Recognise web meetings" on. */
  optedIn?: boolean;
  /** The origins the browser has granted. */
  granted?: string[];
}

async function lookWith({ firefox, window, tabs, optedIn = false, granted = [] }: Look) {
  resetBrowser({ focusedWindow: window });
  if (optedIn) await fakeBrowser.storage.local.set({ recogniseMeetings: true });
  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  const asked: Query[] = [];
  // What this look's browser answers: what it has granted, whether it is Firefox (call.ts asks as it loads), what its tabs are doing.
  browser.permissions!.contains = async ({ origins }: { origins: string[] }) => granted.includes('<all_urls>') || origins.every((origin) => granted.includes(origin));
  browser.runtime!.getBrowserInfo = firefox ? async () => ({ name: 'Firefox' }) : undefined;
  browser.tabs!.query = (query: Query) => {
    asked.push(query);
    // Chrome's schema check throws on a key it does not know, before any promise.
    if (!firefox && ('camera' in query || 'microphone' in query || 'screen' in query)) throw new TypeError('Unexpected property');
    return Promise.resolve(tabs(query));
  };
  const { call } = await loadBackground('call');
  return { found: await call.findCallSignal(), asked };
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

  it('opted in with the sites granted: an audible meeting tab or a room address is one, in both browsers; a silent non-room page on the same host is not', async () => {
    const granted = [...MEETING_MATCHES];
    const room = { url: 'https://meet.google.com/abc-defg-hij', audible: false };
    const landing = { url: 'https://meet.google.com/landing', audible: false };
    const meetingTabs = (found: object[]) => (q: Query) => ('url' in q ? found : []);
    for (const firefox of [true, false]) {
      const inRoom = await lookWith({ firefox, window: normalWindow, optedIn: true, granted, tabs: meetingTabs([landing, room]) });
      expect(inRoom.found).toBe(true);
      expect(inRoom.asked).toContainEqual({ url: [...MEETING_MATCHES] });
      expect((await lookWith({ firefox, window: normalWindow, optedIn: true, granted, tabs: meetingTabs([landing]) })).found).toBe(false);
      expect((await lookWith({ firefox, window: normalWindow, optedIn: true, granted, tabs: meetingTabs([{ ...landing, audible: true }]) })).found).toBe(true);
    }
  });

  it('without the permission, or without the opt-in, meeting tabs are never asked about', async () => {
    const roomEverywhere = () => [{ url: 'https://meet.google.com/abc-defg-hij', audible: true }];
    const notGranted = await lookWith({ firefox: false, window: normalWindow, optedIn: true, granted: [], tabs: roomEverywhere });
    expect(notGranted.found).toBe(false);
    expect(notGranted.asked).toEqual([]);
    // Access to all pages (for breaks over pages) covers these sites, but is no opt-in.
    const notOptedIn = await lookWith({ firefox: false, window: normalWindow, granted: ['<all_urls>'], tabs: roomEverywhere });
    expect(notOptedIn.found).toBe(false);
    expect(notOptedIn.asked).toEqual([]);
  });

  it('a tab Firefox lists counts unless its sharing state says nothing is shared', () => {
    expect(tabIsInCall({})).toBe(true);
    expect(tabIsInCall({ sharingState: { camera: false, microphone: true } })).toBe(true);
    expect(tabIsInCall({ sharingState: { camera: false, microphone: false, screen: undefined } })).toBe(false);
  });
});
