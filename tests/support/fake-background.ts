// The one set-up of the background's unit tests: a fake browser reset and given the APIs the fake lacks, and the background's modules evaluated anew over it.
import { fakeBrowser } from '@webext-core/fake-browser';
import { vi } from 'vitest';

export { fakeBrowser };

/** An event of the browser API as the background uses it, for the events the fake does not implement; `trigger` delivers to every listener in turn. */
export interface FakeEvent {
  addListener(listener: (...args: never[]) => unknown): void;
  removeListener(listener: (...args: never[]) => unknown): void;
  hasListener(listener: (...args: never[]) => unknown): boolean;
  hasListeners(): boolean;
  removeAllListeners(): void;
  trigger(...args: unknown[]): Promise<void>;
}

export function fakeEvent(): FakeEvent {
  const listeners = new Set<(...args: never[]) => unknown>();
  return {
    addListener: (listener) => void listeners.add(listener),
    removeListener: (listener) => void listeners.delete(listener),
    hasListener: (listener) => listeners.has(listener),
    hasListeners: () => listeners.size > 0,
    removeAllListeners: () => listeners.clear(),
    trigger: async (...args) => {
      for (const listener of [...listeners]) await (listener as (...a: unknown[]) => unknown)(...args);
    },
  };
}

type EventLike = { hasListeners(): boolean };

/** Every event of the (fake) browser API, by name: `tabs.onUpdated`, `windows.onFocusChanged`, ... */
export function browserEvents(): Map<string, EventLike> {
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

/** The APIs this set-up adds to the fake browser (it lacks them), typed for tests that drive them. */
export const addedApis = () =>
  fakeBrowser as unknown as {
    runtime: { onConnect: FakeEvent };
    idle: { onStateChanged: FakeEvent; queryState: (detectionSeconds: number) => Promise<'active' | 'idle' | 'locked'> };
    commands: { onCommand: FakeEvent };
  };

export interface FocusedWindow {
  id: number;
  focused: boolean;
  type?: string;
  /** `fullscreen` is a call signal. */
  state?: string;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
}

export interface BrowserOptions {
  /** How the extension was installed: `development` (unpacked) honours the test clock (devOverrides); a store install (`normal`, the default) does not. */
  installType?: 'development' | 'normal';
  /** The extension's version in its manifest. */
  version?: string;
  /** The window the browser reports as last focused; by default a focused normal window (id 10), its active tab 1 (where the overlay shows). */
  focusedWindow?: FocusedWindow;
  /**
   * A Firefox event page, with a `document` and a synchronous `localStorage` holding these hints
   * for its next start (the map is the storage: it sees what the background writes). Absent: a
   * Chrome service worker, which has neither.
   */
  eventPageHints?: Map<string, string>;
  /** Notifications the browser refuses: Firefox's schema check throws on buttons before any promise; `all` leaves no notification surface. */
  refuseNotifications?: 'with-buttons' | 'all';
}

// Kept before it is replaced, so the stand-in hands what the browser accepts on to the fake's own notifications.
const createNotification = fakeBrowser.notifications.create.bind(fakeBrowser.notifications) as (id: string, options: object) => Promise<string>;

/**
 * A browser as a new session finds it: empty storage, no listeners, no timers or spies left by a
 * previous test; the APIs the fake lacks (install type, manifest, messages, idle, commands, ports,
 * scripting) answered as a plain browser would, its front window focused with an ordinary tab.
 */
export function resetBrowser(options: BrowserOptions = {}): void {
  // A previous background's pauses (settling, waiting for a page to connect) and spies must not act in this test.
  vi.clearAllTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  fakeBrowser.reset();
  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  const { installType = 'normal', version = '1.0.0' } = options;
  browser.management!.getSelf = async () => ({ installType });
  browser.runtime!.getManifest = () => ({ version });
  browser.runtime!.onConnect = fakeEvent();
  browser.i18n!.getMessage = (key: string, subs?: string[]) => (subs?.length ? `${key}(${subs.join(',')})` : key);
  browser.i18n!.getUILanguage = () => 'en';
  browser.idle = { onStateChanged: fakeEvent(), setDetectionInterval: () => undefined, queryState: async () => 'active' };
  browser.commands = { onCommand: fakeEvent() };
  browser.scripting = { executeScript: async () => [{ frameId: 0, result: 'shown' }], insertCSS: async () => {}, removeCSS: async () => {} };
  const focusedWindow = options.focusedWindow ?? { id: 10, focused: true, type: 'normal', left: 0, top: 0, width: 1200, height: 800 };
  browser.windows!.getLastFocused = async () => focusedWindow;
  browser.tabs!.query = async () => [{ id: 1, active: true }];
  const { refuseNotifications } = options;
  browser.notifications!.create = (id: string, notification: Record<string, unknown>) => {
    if (refuseNotifications === 'with-buttons' && 'buttons' in notification) throw new Error('Type error for parameter options (Property "buttons" is unsupported by Firefox)');
    if (refuseNotifications === 'all') throw new Error('Notifications are not allowed');
    return createNotification(id, notification);
  };
  const hints = options.eventPageHints;
  if (hints) {
    vi.stubGlobal('document', {});
    vi.stubGlobal('localStorage', { getItem: (key: string) => hints.get(key) ?? null, setItem: (key: string, value: string) => hints.set(key, value) });
  }
}

const MODULES = {
  index: () => import('../../src/background/index'),
  scheduler: () => import('../../src/background/scheduler'),
  requests: () => import('../../src/background/requests'),
  storage: () => import('../../src/background/storage'),
  present: () => import('../../src/background/present'),
  follow: () => import('../../src/background/follow'),
  headsUp: () => import('../../src/background/heads-up'),
  call: () => import('../../src/background/call'),
  away: () => import('../../src/background/away'),
};

export type BackgroundModules = { [K in keyof typeof MODULES]: Awaited<ReturnType<(typeof MODULES)[K]>> };
export type BackgroundModule = keyof BackgroundModules;

/**
 * The background (re)started over the browser as it is (its storage stays): no listeners of its
 * own yet, its modules evaluated anew in the order asked for.
 */
export async function loadBackground<K extends BackgroundModule>(...names: K[]): Promise<Pick<BackgroundModules, K>> {
  for (const event of browserEvents().values()) (event as { removeAllListeners?: () => void }).removeAllListeners?.();
  vi.resetModules();
  const loaded: Partial<BackgroundModules> = {};
  for (const name of names) Object.assign(loaded, { [name]: await MODULES[name]() });
  return loaded as Pick<BackgroundModules, K>;
}

/** A new browser session and a background started in it: `resetBrowser`, then `loadBackground`. */
export async function freshBackground<K extends BackgroundModule>(names: K[], options: BrowserOptions = {}): Promise<Pick<BackgroundModules, K>> {
  resetBrowser(options);
  return loadBackground(...names);
}
