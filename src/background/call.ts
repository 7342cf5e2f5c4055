// Looks for a call signal (core/rules/call.ts) when the background is awake anyway: no listener, only a few queries.

import type { Tabs } from 'webextension-polyfill';
import { isFullscreenWindow, MEDIA_TAB_QUERIES, tabIsInCall } from '../core/rules/call';
import { MEETING_MATCHES, meetingTabInCall, readMeetingsOptIn } from '../core/rules/meetings';
import { MEETINGS_OPT_IN_KEY } from '../core/contracts/storage-keys';
import { browser } from '../platform/browser';
import { lastFocusedWindow } from './surfaces/surface';

/** Only Firefox answers `tabs.query({ camera: true })`; Chrome throws on the unknown key, so it is not asked. */
const answersMediaQueries = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

/**
 * Whether a call signal is present now: the focused window is fullscreen, (Firefox) a tab uses the
 * camera, microphone or screen, or (opted in) a meeting site's tab is audible or shows a room.
 */
export async function findCallSignal(): Promise<boolean> {
  const found = await Promise.all([lastFocusedWindow().then(isFullscreenWindow), anyTabInCall(), anyMeetingInCall()]);
  return found.some(Boolean);
}

/** Asks about the meeting sites' tabs only when the person opted in and the browser granted those sites. */
async function anyMeetingInCall(): Promise<boolean> {
  const stored = await browser.storage.local.get(MEETINGS_OPT_IN_KEY);
  if (!readMeetingsOptIn(stored[MEETINGS_OPT_IN_KEY])) return false;
  const origins = [...MEETING_MATCHES];
  if (!(await browser.permissions.contains({ origins }).catch(() => false))) return false;
  const tabs = await browser.tabs.query({ url: origins }).catch(() => []);
  return tabs.some(meetingTabInCall);
}

async function anyTabInCall(): Promise<boolean> {
  if (!answersMediaQueries) return false;
  const answers = await Promise.all(
    MEDIA_TAB_QUERIES.map(async (query) => {
      try {
        return await browser.tabs.query(query as Tabs.QueryQueryInfoType);
      } catch {
        return []; // An older Firefox or Firefox for Android without the key: no signal from it.
      }
    }),
  );
  return answers.some((tabs) => tabs.some((tab) => tabIsInCall(tab as Tabs.Tab & { sharingState?: never })));
}
