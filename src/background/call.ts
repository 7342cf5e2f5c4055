// Looks for a call signal (core/call.ts) when the background is awake anyway: no listener, only a few queries.

import type { Tabs } from 'webextension-polyfill';
import { isFullscreenWindow, MEDIA_TAB_QUERIES, tabIsInCall } from '../core/call';
import { browser } from '../platform/browser';
import { lastFocusedWindow } from './surfaces/surface';

/** Only Firefox answers `tabs.query({ camera: true })`; Chrome throws on the unknown key, so it is not asked. */
const answersMediaQueries = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

/** Whether a call signal is present now: the focused window is fullscreen, or (Firefox) a tab uses the camera, microphone or screen. */
export async function findCallSignal(): Promise<boolean> {
  const [fullscreen, media] = await Promise.all([lastFocusedWindow().then(isFullscreenWindow), anyTabInCall()]);
  return fullscreen || media;
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
