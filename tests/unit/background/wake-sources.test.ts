// What can wake the background: between breaks only its alarms, the idle state, the keyboard command, its own pages, its settings, start-up and install; never a page load, a title change, a tab or a window switch.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/platform/browser', async (importOriginal) => ({ ...(await importOriginal<object>()), browser: fakeBrowser }));

function fakeEvent() {
  const listeners = new Set<unknown>();
  return {
    addListener: (listener: unknown) => void listeners.add(listener),
    removeListener: (listener: unknown) => void listeners.delete(listener),
    hasListener: (listener: unknown) => listeners.has(listener),
    hasListeners: () => listeners.size > 0,
    removeAllListeners: () => listeners.clear(),
  };
}

type EventLike = { hasListeners(): boolean };

/** Every event of the (fake) browser API, by name: `tabs.onUpdated`, `windows.onFocusChanged`, ... */
function allEvents(): Map<string, EventLike> {
  const events = new Map<string, EventLike>();
  const walk = (node: unknown, path: string[], depth: number) => {
    if (typeof node !== 'object' || node === null || depth > 3) return;
    for (const [key, value] of Object.entries(node)) {
      if (/^on[A-Z]/.test(key) && typeof (value as EventLike | undefined)?.hasListeners === 'function') events.set([...path, key].join('.'), value as EventLike);
      else walk(value, [...path, key], depth + 1);
    }
  };
  walk(fakeBrowser, [], 0);
  return events;
}

/** The events with a listener now (an event the fake does not implement cannot have one). */
function listened(): string[] {
  return [...allEvents()]
    .filter(([, event]) => {
      try {
        return event.hasListeners();
      } catch {
        return false;
      }
    })
    .map(([name]) => name)
    .sort();
}

const BETWEEN_BREAKS = [
  'alarms.onAlarm',
  'commands.onCommand',
  'idle.onStateChanged',
  'runtime.onConnect',
  'runtime.onInstalled',
  'runtime.onMessage',
  'runtime.onStartup',
  'storage.onChanged',
];
const WHILE_IN_A_NOTIFICATION = ['notifications.onButtonClicked', 'notifications.onClicked', 'windows.onFocusChanged'];
const TAB_AND_WINDOW_EVENTS = /^(tabs|windows|webNavigation)\./;

/**
 * Starts the background as the browser would: its module evaluated, its first read and start-up
 * step done. `atTopLevel`: what was listened to before its first removal of a listener (the fake
 * storage answers within the same task, so the state itself is gone by the time the import resolves).
 */
async function startBackground(): Promise<{ atTopLevel: string[]; afterStartUp: string[] }> {
  vi.resetModules();
  // A (re)started background begins with no listeners of its own.
  for (const event of allEvents().values()) (event as { removeAllListeners?: () => void }).removeAllListeners?.();
  const added: string[] = [];
  let removedAny = false;
  const restore: (() => void)[] = [];
  for (const [name, event] of allEvents()) {
    const e = event as EventLike & { addListener(l: unknown): void; removeListener(l: unknown): void };
    const { addListener, removeListener } = e;
    try {
      e.addListener = (listener) => {
        if (!removedAny) added.push(name);
        addListener.call(e, listener);
      };
      e.removeListener = (listener) => {
        removedAny = true;
        removeListener.call(e, listener);
      };
      restore.push(() => Object.assign(e, { addListener, removeListener }));
    } catch {
      // An event the fake does not implement: nothing can listen to it.
    }
  }
  await import('../../../src/background/index');
  restore.forEach((undo) => undo());
  const atTopLevel = [...new Set(added)].sort();
  const { inQueue } = await import('../../../src/background/scheduler');
  await inQueue(async () => undefined);
  await inQueue(async () => undefined);
  return { atTopLevel, afterStartUp: listened() };
}

describe('what wakes the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
    browser.idle = { onStateChanged: fakeEvent(), setDetectionInterval: () => undefined, queryState: async () => 'active' };
    browser.commands = { onCommand: fakeEvent() };
    browser.runtime!.onConnect = fakeEvent();
    browser.runtime!.getManifest = () => ({ version: '1.0.0' });
    browser.management!.getSelf = async () => ({ installType: 'normal' });
    browser.i18n!.getMessage = (key: string) => key;
    browser.i18n!.getUILanguage = () => 'en';
    browser.action = { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {}, setTitle: async () => {} };
    browser.scripting = { executeScript: async () => [{ result: 'shown' }] };
    browser.windows!.getLastFocused = async () => ({ id: 10, focused: true, type: 'normal' });
    browser.tabs!.query = async () => [{ id: 1, active: true }];
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('between breaks: only its alarms, the idle state, the keyboard command, its own pages, its settings, start-up and install', async () => {
    const { afterStartUp } = await startBackground();
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp.filter((name) => TAB_AND_WINDOW_EVENTS.test(name))).toEqual([]);
  });

  it('a service worker (no synchronous storage) adds the notification listeners at its top level and drops them after its first read', async () => {
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual([...BETWEEN_BREAKS, ...WHILE_IN_A_NOTIFICATION].sort());
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('an event page told by its hint that no break waits in a notification never adds them', async () => {
    const hint = new Map([['listenForReturn', '0']]);
    vi.stubGlobal('localStorage', { getItem: (key: string) => hint.get(key) ?? null, setItem: (key: string, value: string) => hint.set(key, value) });
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('an event page with no hint yet (a fresh install) adds none of them either: no break can wait in a notification', async () => {
    const hint = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (key: string) => hint.get(key) ?? null, setItem: (key: string, value: string) => hint.set(key, value) });
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('a break over the page adds no tab or window listener: its page holds a port instead', async () => {
    await startBackground();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'break:now' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/pages/popup/index.html') }, () => undefined);
    const { inQueue } = await import('../../../src/background/scheduler');
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('presentation')).presentation).toMatchObject({ surface: 'overlay' }));
    await inQueue(async () => undefined);
    expect(listened()).toEqual(BETWEEN_BREAKS);
  });

  it('a break waiting in a notification (browser not focused) adds focus and notification listeners, and the event page remembers it', async () => {
    const hint = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (key: string) => hint.get(key) ?? null, setItem: (key: string, value: string) => hint.set(key, value) });
    fakeBrowser.windows.getLastFocused = async () => ({ id: 10, focused: false, type: 'normal' }) as never;
    await startBackground();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'break:now' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/pages/popup/index.html') }, () => undefined);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('presentation')).presentation).toMatchObject({ surface: 'notification' }));
    expect(listened()).toEqual([...BETWEEN_BREAKS, ...WHILE_IN_A_NOTIFICATION].sort());
    expect(hint.get('listenForReturn')).toBe('1');
    // The next start of the event page adds them at its top level, so the focus event that woke it is delivered.
    const { atTopLevel } = await startBackground();
    expect(atTopLevel).toEqual([...BETWEEN_BREAKS, ...WHILE_IN_A_NOTIFICATION].sort());
  });
});
