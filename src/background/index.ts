// The background (Chrome service worker / Firefox event page): browser events in, scheduler effects out.
//
// Every listener is registered synchronously at the top level, so an event that wakes a
// stopped worker is delivered; all state lives in storage, none in globals that matter.

import browser, { type Runtime } from 'webextension-polyfill';
import type { Activity } from '../core/schedule';
import { readSettings } from '../core/settings';
import { BADGE_ALARM, updateBadge } from './badge';
import { handleMessage } from './requests';
import { ALARM_NAME, dispatch, inQueue } from './scheduler';
import { LOCAL_KEYS, loadSnapshot, SYNC_SETTINGS_KEY } from './storage';

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM_NAME) void dispatch({ type: 'alarm' });
  if (alarm.name === BADGE_ALARM) void refreshBadge();
});

browser.commands.onCommand.addListener((command) => {
  if (command === 'take-break') void dispatch({ type: 'user:break-now' });
});

browser.idle.onStateChanged.addListener((activity: Activity) => {
  void dispatch({ type: 'activity', activity });
});

browser.runtime.onStartup.addListener(() => {
  void dispatch({ type: 'browser:started' }).then(syncIdleState);
});

browser.runtime.onInstalled.addListener(() => {
  void syncIdleState();
});

browser.storage.onChanged.addListener((changes, area) => {
  const timingChanged =
    (area === 'local' && LOCAL_KEYS.devOverrides in changes) || (area === 'sync' && SYNC_SETTINGS_KEY in changes);
  if (!timingChanged) return;
  void dispatch({ type: 'timing:changed' });
  if (area === 'sync') void applyIdleDetection(readSettings(changes[SYNC_SETTINGS_KEY]?.newValue).idleDetectionSeconds);
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => handleMessage(message, sender));

browser.windows.onRemoved.addListener((windowId) => {
  void inQueue(() => loadSnapshot(Date.now())).then(({ presentation, state }) => {
    if (presentation?.surface !== 'window' || presentation.windowId !== windowId) return;
    if (state.mode.kind === 'due' && state.mode.breakId === presentation.breakId) {
      return dispatch({ type: 'user:closed', breakId: presentation.breakId });
    }
    return undefined;
  });
});

async function refreshBadge(): Promise<void> {
  const { state, timing, settings } = await inQueue(() => loadSnapshot(Date.now()));
  await updateBadge(state, Date.now(), timing, settings.badgeMinutes);
}

async function applyIdleDetection(seconds: number): Promise<void> {
  browser.idle.setDetectionInterval(seconds);
}

/** Catches up with the idle state when we may have missed a change (browser start, install). */
async function syncIdleState(): Promise<void> {
  const { settings, state } = await loadSnapshot(Date.now());
  const activity = (await browser.idle.queryState(settings.idleDetectionSeconds)) as Activity;
  if (activity !== state.activity) await dispatch({ type: 'activity', activity });
}

void loadSnapshot(Date.now()).then(({ settings }) => applyIdleDetection(settings.idleDetectionSeconds));
void dispatch({ type: 'worker:started' });
