// What can wake the background: between breaks only its alarms, the idle state, the keyboard command, its own pages, its settings, start-up and install; never a page load, a title change, a tab or a window switch.
import { describe, expect, it, vi } from 'vitest';
import { browserEvents, fakeBrowser, loadBackground, resetBrowser, type BackgroundModules, type BrowserOptions } from '../../support/fake-background';

type EventLike = { hasListeners(): boolean };

/** The events with a listener now (an event the fake does not implement cannot have one). */
function listened(): string[] {
  return [...browserEvents()]
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
async function startBackground(): Promise<{ atTopLevel: string[]; afterStartUp: string[]; scheduler: BackgroundModules['scheduler'] }> {
  const added: string[] = [];
  let removedAny = false;
  const restore: (() => void)[] = [];
  for (const [name, event] of browserEvents()) {
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
  // A (re)started background begins with no listeners of its own.
  const { scheduler } = await loadBackground('index', 'scheduler');
  restore.forEach((undo) => undo());
  const atTopLevel = [...new Set(added)].sort();
  await scheduler.inQueue(async () => undefined);
  await scheduler.inQueue(async () => undefined);
  return { atTopLevel, afterStartUp: listened(), scheduler };
}

/** A browser session with the background not yet started; `focused` false: the browser is not in front. */
function newSession({ eventPageHints, focused = true }: Pick<BrowserOptions, 'eventPageHints'> & { focused?: boolean } = {}): void {
  resetBrowser({ eventPageHints, focusedWindow: { id: 10, focused, type: 'normal' } });
}

describe('what wakes the background', () => {
  it('between breaks: only its alarms, the idle state, the keyboard command, its own pages, its settings, start-up and install', async () => {
    newSession();
    const { afterStartUp } = await startBackground();
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp.filter((name) => TAB_AND_WINDOW_EVENTS.test(name))).toEqual([]);
  });

  it('a service worker (no synchronous storage) adds the notification listeners at its top level and drops them after its first read', async () => {
    newSession();
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual([...BETWEEN_BREAKS, ...WHILE_IN_A_NOTIFICATION].sort());
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('an event page told by its hint that no break waits in a notification never adds them', async () => {
    newSession({ eventPageHints: new Map([['listenForReturn', '0']]) });
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('an event page with no hint yet (a fresh install) adds none of them either: no break can wait in a notification', async () => {
    newSession({ eventPageHints: new Map() });
    const { atTopLevel, afterStartUp } = await startBackground();
    expect(atTopLevel).toEqual(BETWEEN_BREAKS);
    expect(afterStartUp).toEqual(BETWEEN_BREAKS);
  });

  it('a break over the page adds no tab or window listener: its page holds a port instead', async () => {
    newSession();
    const { scheduler } = await startBackground();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'break:now' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/pages/popup/index.html') }, () => undefined);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('presentation')).presentation).toMatchObject({ surface: 'overlay' }));
    await scheduler.inQueue(async () => undefined);
    expect(listened()).toEqual(BETWEEN_BREAKS);
  });

  it('a break waiting in a notification (browser not focused) adds focus and notification listeners, and the event page remembers it', async () => {
    const hint = new Map<string, string>();
    newSession({ eventPageHints: hint, focused: false });
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
