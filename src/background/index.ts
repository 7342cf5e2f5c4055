// The background (Chrome service worker / Firefox event page): browser events in, scheduler effects out.
//
// Every listener is registered synchronously at the top level, so an event that wakes a
// stopped worker is delivered; all state lives in storage, none in globals that matter.
//
// Between breaks only these wake it: its alarms, the idle state, the keyboard command, a
// message or port from one of its own pages, a change of its settings (and start-up and
// install). No page load, title change, tab or window switch does: the listeners that follow a
// break (follow.ts) are there only while a break is on screen.

import type { Runtime, Tabs } from 'webextension-polyfill';
import type { Activity } from '../core/rules/schedule';
import { readSettings } from '../core/rules/settings';
import { BADGE_ALARM, updateBadge } from './badge';
import { browser } from '../platform/browser';
import { countWake } from './diagnostics';
import { onRequest } from './requests';
import { NOTIFICATION_RECHECK_ALARM, recheckNotification, registerSurfaceListeners } from './follow';
import { registerHeadsUpListener } from './heads-up';
import { WELCOME_PAGE } from '../core/contracts/extension-paths';
import { ALARM_NAME, dispatch, inQueue, noteWhyStarted, startWorker } from './scheduler';
import { loadSnapshot } from './storage';
import { DEV_OVERRIDES_KEY, SETTINGS_KEY } from '../core/contracts/storage-keys';

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM_NAME) {
    countWake('alarm');
    void dispatch({ type: 'alarm' });
  }
  if (alarm.name === BADGE_ALARM) {
    countWake('badge-alarm');
    void refreshBadge();
  }
  if (alarm.name === NOTIFICATION_RECHECK_ALARM) {
    countWake('notification-recheck');
    void recheckNotification();
  }
});

// The tab the shortcut was pressed in names the window the break shows in (Firefox 126+ and Chrome pass it).
browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
  countWake('command');
  if (command === 'take-break') void dispatch({ type: 'user:break-now', askedFrom: { kind: 'window', windowId: tab?.windowId ?? null } });
});

browser.idle.onStateChanged.addListener((activity: Activity) => {
  countWake('idle');
  void dispatch({ type: 'activity', activity });
});

// The idle detection interval lasts as long as the browser runs, so it is set when the browser
// starts or the extension is installed, not at every wake-up. (The browser start itself is
// recognised by startWorker() below; this listener makes sure a browser start wakes us.)
browser.runtime.onStartup.addListener(() => {
  noteWhyStarted('browser-started');
  void setUpIdleDetection();
});

browser.runtime.onInstalled.addListener((details) => {
  // An update or a reload: the browser did not start, nothing was closed (see startWorker).
  if (details.reason === 'update') noteWhyStarted('updated');
  void setUpIdleDetection();
  // A fresh install gets the welcome page; an update stays quiet (PRODUCT.md § Onboarding).
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});

browser.storage.onChanged.addListener((changes, area) => {
  const timingChanged =
    (area === 'local' && DEV_OVERRIDES_KEY in changes) || (area === 'sync' && SETTINGS_KEY in changes);
  if (!timingChanged) return;
  void dispatch({ type: 'timing:changed' });
  if (area === 'sync') void applyIdleDetection(readSettings(changes[SETTINGS_KEY]?.newValue).idleDetectionSeconds);
});

// The polyfill's type wants a promise from every call; returning nothing lets other listeners answer.
browser.runtime.onMessage.addListener(onRequest as Runtime.OnMessageListenerAsync);

registerSurfaceListeners();
registerHeadsUpListener();

async function refreshBadge(): Promise<void> {
  const { state, timing, settings } = await inQueue(() => loadSnapshot(Date.now()));
  await updateBadge(state, Date.now(), timing, settings.badgeMinutes);
}

async function applyIdleDetection(seconds: number): Promise<void> {
  browser.idle.setDetectionInterval(seconds);
}

/** Sets the stored idle detection interval and catches up with the idle state, whose changes we may have missed (browser start, install). */
async function setUpIdleDetection(): Promise<void> {
  const { settings, state } = await loadSnapshot(Date.now());
  await applyIdleDetection(settings.idleDetectionSeconds);
  const activity = (await browser.idle.queryState(settings.idleDetectionSeconds)) as Activity;
  if (activity !== state.activity) await dispatch({ type: 'activity', activity });
}

countWake('worker-start');
startWorker();
