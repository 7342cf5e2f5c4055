// One break surface at a time: overlay where it can show, else a popup window, else (browser not focused) a notification; it follows closed tabs and answers the notification.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addedApis, fakeBrowser, fakeEvent, loadBackground, resetBrowser, type BrowserOptions, type FakeEvent } from '../../support/fake-background';

type Status = 'shown' | 'hidden' | 'gave-up' | 'missing';

interface Injection {
  target: { tabId: number };
  files?: string[];
  func?: (...args: unknown[]) => unknown;
  args?: unknown[];
}

/** The browser around the background: which window has focus, which tab is active, what each tab allows. */
const world = {
  lastFocused: null as null | { id: number; focused: boolean; type: string; left: number; top: number; width: number; height: number },
  activeTabId: 1,
  /** Per tab: what the overlay reports; absent = the injection throws (no host access, browser page). */
  overlay: new Map<number, Status>(),
  injections: [] as { tabId: number; kind: 'files' | 'show' | 'close' | 'give-up' }[],
  /** What the overlay script answers, in turn, when asked to give up a silent overlay (true once empty). */
  overlayShownLongEnough: [] as boolean[],
  createdWindows: [] as Record<string, unknown>[],
  openWindows: new Set<number>(),
  focusedWindows: [] as number[],
};

function focusedBrowser(type = 'normal') {
  world.lastFocused = { id: 10, focused: true, type, left: 100, top: 50, width: 1200, height: 800 };
}

/** A fresh background over the browser of `world`: a fresh one too, its focused window 10 with tab 1 active. */
async function freshBackground(options: Pick<BrowserOptions, 'refuseNotifications'> = {}) {
  world.activeTabId = 1;
  world.overlay = new Map();
  world.injections = [];
  world.overlayShownLongEnough = [];
  world.createdWindows = [];
  world.openWindows = new Set();
  world.focusedWindows = [];
  focusedBrowser();
  resetBrowser(options);
  // These tests watch the overlay, the windows and the tabs: the browser answers from `world`.
  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  browser.scripting = {
    executeScript: async (injection: Injection) => {
      const tabId = injection.target.tabId;
      const status = world.overlay.get(tabId);
      if (status === undefined) throw new Error('Cannot access contents of the page');
      const kind = injection.files ? 'files' : String(injection.func).includes('giveUpIfSilent') ? 'give-up' : injection.args ? 'show' : 'close';
      world.injections.push({ tabId, kind });
      if (kind === 'give-up') return [{ frameId: 0, result: world.overlayShownLongEnough.shift() ?? true }];
      return [{ frameId: 0, result: kind === 'show' ? status : undefined }];
    },
    insertCSS: async (injection: Injection) => {
      if (!world.overlay.has(injection.target.tabId)) throw new Error('Cannot access contents of the page');
    },
    removeCSS: async (injection: Injection) => {
      if (!world.overlay.has(injection.target.tabId)) throw new Error('Cannot access contents of the page');
    },
  };
  browser.windows!.getLastFocused = async () => {
    if (!world.lastFocused) throw new Error('No last-focused window');
    return world.lastFocused;
  };
  browser.windows!.create = async (data: Record<string, unknown>) => {
    const id = 100 + world.createdWindows.length;
    world.createdWindows.push(data);
    world.openWindows.add(id);
    return { id, type: 'popup' };
  };
  browser.windows!.get = async (id: number) => {
    if (world.lastFocused?.id === id) return world.lastFocused;
    if (!world.openWindows.has(id)) throw new Error(`No window with id: ${id}`);
    return { id };
  };
  browser.windows!.update = async (id: number) => {
    world.focusedWindows.push(id);
    return { id };
  };
  browser.windows!.remove = async (id: number) => {
    world.openWindows.delete(id);
  };
  browser.tabs!.query = async () => [{ id: world.activeTabId, active: true }];
  browser.tabs!.get = async (id: number) => {
    if (!world.overlay.has(id) && id !== world.activeTabId) throw new Error(`No tab with id: ${id}`);
    return { id };
  };
  const { present, scheduler, storage, follow } = await loadBackground('present', 'scheduler', 'storage', 'follow');
  return { present, scheduler, storage, surfaces: follow };
}

async function storedPresentation(): Promise<Record<string, unknown> | undefined> {
  return (await fakeBrowser.storage.local.get('presentation')).presentation as Record<string, unknown> | undefined;
}

async function storedMode(): Promise<{ kind: string; breakId?: number; startedAt?: number | null }> {
  const { schedule } = (await fakeBrowser.storage.local.get('schedule')) as { schedule: { mode: { kind: string } } };
  return schedule.mode;
}

function notifications(): Record<string, Record<string, unknown>> {
  return (fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, Record<string, unknown>> }).getAllCreateOptions();
}

// The background's short pauses (a surface settling, a page connecting) run on a fake clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

describe('choosing the break surface', () => {
  it('lays the overlay over the active tab when it can be seen there', async () => {
    const { scheduler } = await freshBackground();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'overlay', tabId: 1, windowId: 10, token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(world.injections.map((i) => i.kind)).toEqual(['files', 'show']);
    expect(world.createdWindows).toHaveLength(0);
    expect(notifications()).toEqual({});
  });

  it('opens a popup window centred over the browser window where the overlay may not go (no host access, browser pages)', async () => {
    const { scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(world.createdWindows).toEqual([
      expect.objectContaining({ type: 'popup', focused: true, width: 520, height: 680, left: 100 + (1200 - 520) / 2, top: 50 + (800 - 680) / 2 }),
    ]);
    expect(String(world.createdWindows[0]!.url)).toContain('src/pages/break/index.html?surface=window');
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'window', windowId: 100, token: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it.each(['hidden', 'gave-up', 'missing'] as const)('opens the window when the overlay reports %s (hostile CSS, a page fighting it)', async (status) => {
    const { scheduler } = await freshBackground();
    world.overlay.set(1, status);
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface: 'window' });
    expect(world.createdWindows).toHaveLength(1);
  });

  it('opens the window without trying the overlay when the focused window has no tabs of its own (popup, devtools)', async () => {
    const { scheduler } = await freshBackground();
    focusedBrowser('popup');
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(world.injections).toHaveLength(0);
    expect(await storedPresentation()).toMatchObject({ surface: 'window' });
  });

  it('posts a notification with Start and Snooze, and nothing else, when no browser window is focused', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(notifications()['unhunch:break']).toMatchObject({
      type: 'basic',
      title: 'breakNotificationTitle_other(2)',
      message: 'breakNotificationMessage',
      buttons: [{ title: 'buttonStart' }, { title: 'buttonSnooze_other(5)' }],
      requireInteraction: true,
    });
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
    expect(world.injections).toHaveLength(0);
    expect(world.createdWindows).toHaveLength(0);
  });

  it('posts the notification also when the browser has no window at all', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused = null;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(Object.keys(notifications())).toEqual(['unhunch:break']);
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
  });

  it('offers no Snooze button where snoozing is not allowed (strict mode)', async () => {
    const { scheduler } = await freshBackground();
    await fakeBrowser.storage.sync.set({ settings: { strict: true } });
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(notifications()['unhunch:break']!.buttons).toEqual([{ title: 'buttonStart' }]);
  });

  it('retries without buttons where the browser refuses them (Firefox)', async () => {
    const { scheduler } = await freshBackground({ refuseNotifications: 'with-buttons' });
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    const shown = notifications()['unhunch:break']!;
    expect(shown.title).toBe('breakNotificationTitle_other(2)');
    expect(shown).not.toHaveProperty('buttons');
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
  });

  it('falls back to the window when no notification can be shown', async () => {
    const { scheduler } = await freshBackground({ refuseNotifications: 'all' });
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface: 'window' });
  });

  it('brings the existing break window forward instead of opening a second one', async () => {
    const { scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'user:break-now' });
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(world.createdWindows).toHaveLength(1);
    expect(world.focusedWindows).toEqual([100]);
  });

  it('moves the overlay to the tab the user is on now, removing it from the old one', async () => {
    const { scheduler } = await freshBackground();
    world.overlay.set(1, 'shown').set(2, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    world.activeTabId = 2;
    world.injections = [];
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 2 });
    expect(world.injections).toEqual([
      { tabId: 2, kind: 'files' },
      { tabId: 2, kind: 'show' },
      { tabId: 1, kind: 'close' },
    ]);
  });

  it('a break asked for from a window (the toolbar popup) shows over its current tab even when the browser says it is not focused', async () => {
    const { scheduler } = await freshBackground();
    // While the action popup has the focus, Chromium on Linux reports its window as not focused.
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now', askedFrom: { kind: 'window', windowId: 10 } });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1, windowId: 10 });
    expect(notifications()).toEqual({});
  });

  it('a break asked for by the shortcut (window unknown) shows in the window the person was last in, never as a notification', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now', askedFrom: { kind: 'window', windowId: null } });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
    expect(notifications()).toEqual({});
  });

  it('a break asked for from a browser with no window left opens its own window, not a notification', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused = null;
    await scheduler.dispatch({ type: 'user:break-now', askedFrom: { kind: 'window', windowId: 10 } });
    expect(await storedPresentation()).toMatchObject({ surface: 'window' });
    expect(notifications()).toEqual({});
  });

  it('a break asked for from a window moves a break waiting in the notification there', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
    await scheduler.dispatch({ type: 'user:break-now', askedFrom: { kind: 'window', windowId: 10 } });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
    expect(notifications()).toEqual({});
  });

  it.each([
    ['over the page', (): void => void world.overlay.set(1, 'shown'), 'overlay'],
    ['in its window', (): void => undefined, 'window'],
    ['as a notification', (): void => void (world.lastFocused!.focused = false), 'notification'],
  ])('clears the heads-up notification when the break shows %s', async (_, arrange, surface) => {
    const { scheduler } = await freshBackground();
    arrange();
    await fakeBrowser.notifications.create('unhunch:heads-up', { type: 'basic', iconUrl: 'icon.png', title: 'headsUpTitle', message: 'headsUpMessage' });
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface });
    expect(Object.keys(notifications())).toEqual(surface === 'notification' ? ['unhunch:break'] : []);
  });

  it('replaces the notification with the overlay once the user is back in the browser', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    world.lastFocused!.focused = true;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
    expect(notifications()).toEqual({});
  });
});

describe('one data path: the effects get the state after the step', () => {
  it('an alarm that makes the break due paints it from the stepped state: no storage read between the step and the overlay showing it', async () => {
    const { scheduler } = await freshBackground();
    const { initialScheduleState } = await import('../../../src/core/rules/schedule');
    const { hintFrom } = await import('../../../src/core/contracts/break-view');
    world.overlay.set(1, 'shown');
    const now = Date.now();
    // Thirty-one minutes of work at the default thirty, last looked at a moment ago: the alarm makes the break due.
    await fakeBrowser.storage.local.set({ schedule: { ...initialScheduleState(now - 31 * 60_000), alarmAt: now, lastSeenAt: now - 1_000 } });
    const reads = [vi.spyOn(fakeBrowser.storage.local, 'get'), vi.spyOn(fakeBrowser.storage.sync, 'get'), vi.spyOn(fakeBrowser.storage.session, 'get')];
    const writes = vi.spyOn(fakeBrowser.storage.local, 'set');
    const injections = vi.spyOn(fakeBrowser.scripting as unknown as { executeScript(injection: Injection): Promise<unknown> }, 'executeScript');

    await scheduler.dispatch({ type: 'alarm' });

    const stepSaved = writes.mock.calls.findIndex(([items]) => 'schedule' in items);
    const shown = injections.mock.calls.findIndex(([injection]) => injection.args !== undefined);
    expect(stepSaved).toBeGreaterThanOrEqual(0);
    expect(shown).toBeGreaterThanOrEqual(0);
    const [from, to] = [writes.mock.invocationCallOrder[stepSaved]!, injections.mock.invocationCallOrder[shown]!];
    const readsBetween = reads.flatMap((read) => read.mock.invocationCallOrder.filter((order) => order > from && order < to));
    expect(readsBetween).toEqual([]);
    // The overlay's page paints the due break's prompt, which only the state after the step has.
    const [breakId, query] = injections.mock.calls[shown]![0].args as [number, string];
    expect(breakId).toBe(1);
    expect(hintFrom(new URLSearchParams(query))?.prompt).toMatchObject({ breakId: 1, started: false });
    expect(await storedPresentation()).toMatchObject({ breakId: 1, surface: 'overlay', tabId: 1 });
  });
});

describe('taking the break away', () => {
  it('closes the window when the break is snoozed', async () => {
    const { scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'user:break-now' });
    await scheduler.dispatch({ type: 'user:snooze', breakId: 1 });
    expect(world.openWindows.size).toBe(0);
    expect(await storedPresentation()).toBeUndefined();
  });

  it('removes the overlay when the break is skipped', async () => {
    const { scheduler } = await freshBackground();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
    expect(world.injections.at(-1)).toEqual({ tabId: 1, kind: 'close' });
    expect(await storedPresentation()).toBeUndefined();
  });

  it('clears the notification when the break is answered', async () => {
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
    expect(notifications()).toEqual({});
    expect(await storedPresentation()).toBeUndefined();
  });

  it('keeps a completed break on screen for its Done page', async () => {
    const { scheduler } = await freshBackground();
    await scheduler.dispatch({ type: 'user:break-now' });
    await scheduler.dispatch({ type: 'user:start', breakId: 1 });
    await scheduler.dispatch({ type: 'user:complete', breakId: 1 });
    expect(world.openWindows.has(100)).toBe(true);
    expect(await storedPresentation()).toBeUndefined();
  });
});

/** A stand-in for `runtime.connect` from a break page: the background sees its port, the test drives it. */
interface FakePort {
  name: string;
  sender: { id: string; url: string; frameId: number; tab?: { id: number; windowId: number } };
  posted: unknown[];
  onMessage: FakeEvent;
  onDisconnect: FakeEvent;
  postMessage(message: unknown): void;
  disconnect(): void;
  /** The page posts this message to the background. */
  send(message: unknown): Promise<void>;
  /** The page goes (its document unloads): the background sees the port disconnect. */
  gone(): Promise<void>;
  disconnectedByBackground: boolean;
}

const BREAK_PAGE_URL = 'chrome-extension://test-extension-id/src/pages/break/index.html?surface=overlay';
/** A break page connecting from `tab` (an overlay frame in a web page's tab, or the break window's own tab). */
/** Break windows in these tests are 100 and up; a break page there is the window's top frame, an overlay's is a subframe. */
async function connectBreakPage(
  tab: { id: number; windowId: number } | undefined,
  options: { breakId?: number; url?: string; name?: string; id?: string; token?: string; frameId?: number } = {},
): Promise<FakePort> {
  const stored = (await storedPresentation())?.token as string | undefined;
  const token = options.token ?? stored ?? '0123456789abcdef0123456789abcdef';
  const frameId = options.frameId ?? (tab && tab.windowId >= 100 ? 0 : 3);
  const port: FakePort = {
    name: options.name ?? 'unhunch:break-surface',
    sender: { id: options.id ?? 'test-extension-id', url: options.url ?? BREAK_PAGE_URL, frameId, ...(tab ? { tab } : {}) },
    posted: [],
    onMessage: fakeEvent(),
    onDisconnect: fakeEvent(),
    disconnectedByBackground: false,
    postMessage(message) {
      port.posted.push(message);
    },
    disconnect() {
      port.disconnectedByBackground = true;
    },
    send: (message) => port.onMessage.trigger(message),
    gone: () => port.onDisconnect.trigger(port),
  };
  await addedApis().runtime.onConnect.trigger(port);
  if (!port.disconnectedByBackground) await port.send({ type: 'surface:showing', breakId: options.breakId ?? 1, token });
  return port;
}

/** Whether the notification surface's listeners (focus back in the browser, a click, a button) are there. */
function returnListeners(): boolean[] {
  return [fakeBrowser.windows.onFocusChanged, fakeBrowser.notifications.onClicked, fakeBrowser.notifications.onButtonClicked].map((e) => e.hasListeners());
}

async function afterSettling(): Promise<void> {
  await vi.advanceTimersByTimeAsync(2_000);
}

describe('following the break', () => {
  async function withListeners() {
    const background = await freshBackground();
    background.surfaces.registerSurfaceListeners();
    return background;
  }

  const TAB_1 = { id: 1, windowId: 10 };
  const TAB_2 = { id: 2, windowId: 10 };

  it('moves the overlay to the newly active tab when its tab is closed', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown').set(2, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    world.overlay.delete(1);
    world.activeTabId = 2;
    await page.gone();
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 2 }), { timeout: 2_000 });
    expect(await storedMode()).toMatchObject({ kind: 'due', breakId: 1 });
  });

  it('shows the break again in the new page when its tab navigates or reloads', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    world.injections = [];
    await page.gone();
    await vi.waitFor(() => expect(world.injections.map((i) => i.kind)).toEqual(['files', 'show']), { timeout: 2_000 });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
  });

  it('leaves an overlay alone whose frame comes back at once (the page removed it once and the overlay script put it back)', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    world.injections = [];
    await page.gone();
    await connectBreakPage(TAB_1);
    await afterSettling();
    expect(world.injections).toEqual([]);
    expect(world.createdWindows).toHaveLength(0);
  });

  it("a copy of the break page framed by the page itself (no token) does not count as showing the break", async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(String((await storedPresentation())?.token)).toMatch(/^[0-9a-f]{32}$/);
    const ours = await connectBreakPage(TAB_1);
    // The page frames the break page itself and keeps that frame connected, then removes our overlay.
    await connectBreakPage(TAB_1, { token: 'ffffffffffffffffffffffffffffffff', frameId: 9 });
    world.injections = [];
    await ours.gone();
    await vi.waitFor(() => expect(world.injections.map((i) => i.kind)).toEqual(['files', 'show']), { timeout: 2_000 });
  });

  it('takes a surface whose page never connected for gone once its tab is closed', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown').set(2, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    world.overlay.delete(1);
    world.activeTabId = 2;
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 2 }), { timeout: 1_000 });
  });

  it('an overlay whose page never connects (its frame failed to load) is taken down, and the break moves to its window for good', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'window' }), { timeout: 3_000 });
    expect(world.injections.filter((i) => i.kind === 'give-up')).toEqual([{ tabId: 1, kind: 'give-up' }]);
    expect(await storedMode()).toMatchObject({ kind: 'due', breakId: 1 });
    // Shown again (the window closed in strict mode, say): that tab is not offered the overlay again.
    world.injections = [];
    world.openWindows.clear();
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(world.injections.filter((i) => i.kind === 'show')).toEqual([]);
    expect(await storedPresentation()).toMatchObject({ surface: 'window' });
  });

  it('an overlay the tab shows in a page too young to have connected (it navigated) is shown there again and must connect in its turn', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    world.overlayShownLongEnough = [false];
    await scheduler.dispatch({ type: 'user:break-now' });
    await vi.waitFor(() => expect(world.injections.filter((i) => i.kind === 'give-up')).toHaveLength(1), { timeout: 3_000 });
    expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 });
    expect(world.injections.at(-1)).toMatchObject({ kind: 'show' });
    // It does not connect either: now the break moves to its window.
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'window' }), { timeout: 3_000 });
    expect(world.injections.filter((i) => i.kind === 'give-up')).toHaveLength(2);
  });

  it('an overlay kept in the page its tab navigated to must connect again, or the break moves to its window', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    await page.gone();
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'window' }), { timeout: 4_000 });
    expect(world.injections.filter((i) => i.kind === 'give-up')).toEqual([{ tabId: 1, kind: 'give-up' }]);
  });

  it('counts closing the break window before answering as a snooze', async () => {
    const { scheduler } = await withListeners();
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage({ id: 50, windowId: 100 });
    world.openWindows.delete(100);
    await page.gone();
    await vi.waitFor(async () => expect((await storedMode()).kind).toBe('working'), { timeout: 2_000 });
    expect(await storedPresentation()).toBeUndefined();
  });

  it('a break window whose page reloads keeps the break', async () => {
    const { scheduler } = await withListeners();
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage({ id: 50, windowId: 100 });
    await page.gone();
    await connectBreakPage({ id: 50, windowId: 100 });
    await afterSettling();
    expect(await storedMode()).toMatchObject({ kind: 'due', breakId: 1 });
    expect(await storedPresentation()).toMatchObject({ surface: 'window', windowId: 100 });
  });

  it('ignores a page that goes after its break was answered', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
    world.injections = [];
    await page.gone();
    await afterSettling();
    expect(world.injections).toEqual([]);
    expect(world.createdWindows).toHaveLength(0);
  });

  it('a background started during a break (stopped under the page) follows a surface whose page does not come back', async () => {
    const { scheduler } = await freshBackground();
    world.overlay.set(1, 'shown').set(2, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    // A new background, same storage: the overlay's tab closed while none was running.
    const restarted = await loadBackground('scheduler', 'follow');
    world.overlay.delete(1);
    world.activeTabId = 2;
    restarted.follow.registerSurfaceListeners();
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 2 }), { timeout: 1_000 });
  });

  it('refuses ports from anything but our break page: content scripts, other pages, other extensions, other names', async () => {
    await withListeners();
    const refused = await Promise.all([
      connectBreakPage(TAB_1, { url: 'https://example.com/' }),
      connectBreakPage(TAB_1, { url: 'chrome-extension://test-extension-id/src/pages/popup/index.html' }),
      connectBreakPage(TAB_1, { id: 'another-extension' }),
      connectBreakPage(TAB_1, { name: 'something-else' }),
    ]);
    expect(refused.map((port) => port.disconnectedByBackground)).toEqual([true, true, true, true]);
  });

  it('tells a page showing a break that now lives elsewhere to leave (one surface at a time)', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown').set(2, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const current = await connectBreakPage(TAB_1);
    // A page brought back from the back/forward cache in another tab, still showing the break.
    const stale = await connectBreakPage(TAB_2);
    await scheduler.inQueue(async () => undefined);
    await vi.waitFor(() => expect(stale.posted).toEqual([{ type: 'surface:leave' }]));
    expect(current.posted).toEqual([]);
  });

  it('moves the break from the notification into the browser when a browser window gains focus', async () => {
    const { scheduler } = await withListeners();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    world.lastFocused!.focused = true;
    await fakeBrowser.windows.onFocusChanged.trigger(10);
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 }));
    expect(notifications()).toEqual({});
  });

  it('Start on the notification starts the routine and shows it over the current tab, bringing its window forward', async () => {
    const { scheduler } = await withListeners();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    await fakeBrowser.notifications.onButtonClicked.trigger('unhunch:break', 0);
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ breakId: 1, surface: 'overlay', tabId: 1, windowId: 10 }));
    expect((await storedMode()).startedAt).toEqual(expect.any(Number));
    expect(world.focusedWindows).toEqual([10]);
    expect(notifications()).toEqual({});
  });

  it('Start on the notification opens the break window where the overlay may not go', async () => {
    const { scheduler } = await withListeners();
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    await fakeBrowser.notifications.onButtonClicked.trigger('unhunch:break', 0);
    await vi.waitFor(async () => expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'window', windowId: 100, token: expect.stringMatching(/^[0-9a-f]{32}$/) }));
    expect(notifications()).toEqual({});
  });

  it('Snooze on the notification snoozes the break', async () => {
    const { scheduler } = await withListeners();
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    await fakeBrowser.notifications.onButtonClicked.trigger('unhunch:break', 1);
    await vi.waitFor(async () => expect((await storedMode()).kind).toBe('working'));
    expect(notifications()).toEqual({});
    expect(world.createdWindows).toHaveLength(0);
  });

  it('a click on the notification shows the break, not yet started, over the current tab of the window the person was last in', async () => {
    const { scheduler } = await withListeners();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    await fakeBrowser.notifications.onClicked.trigger('unhunch:break');
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1, windowId: 10 }));
    expect((await storedMode()).startedAt).toBeNull();
    expect(world.focusedWindows).toEqual([10]);
    expect(world.createdWindows).toHaveLength(0);
    expect(notifications()).toEqual({});
  });

  it('moves the break from the notification into the browser at the next recheck when a window has the focus again without a focus event', async () => {
    const { scheduler, surfaces } = await withListeners();
    world.lastFocused!.focused = false;
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('unhunch:notification-recheck')).toBeDefined());
    const armed = (await fakeBrowser.alarms.get('unhunch:notification-recheck'))!;
    expect(armed.scheduledTime - Date.now()).toBeLessThanOrEqual(5_000);
    // Still in another program: the break stays in the notification, and the recheck is armed again.
    await fakeBrowser.alarms.clear('unhunch:notification-recheck');
    await surfaces.recheckNotification();
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
    expect(await fakeBrowser.alarms.get('unhunch:notification-recheck')).toBeDefined();
    // The popup closed, the window has the focus again, and no focus event came.
    world.lastFocused!.focused = true;
    await surfaces.recheckNotification();
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'overlay', tabId: 1 }));
    expect(notifications()).toEqual({});
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('unhunch:notification-recheck')).toBeUndefined());
  });

  it('listens for focus and notification clicks only while the break waits in a notification', async () => {
    const { scheduler } = await withListeners();
    await scheduler.inQueue(async () => undefined);
    expect(returnListeners()).toEqual([false, false, false]);
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(returnListeners()).toEqual([true, true, true]);
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
    expect(returnListeners()).toEqual([false, false, false]);
  });

  it('the scheduler hands every move of the break to follow.ts itself: a break shown in a notification brings its listeners and recheck with nothing registered to watch', async () => {
    // No registerSurfaceListeners: following depends on no callback set up at start-up.
    const { scheduler } = await freshBackground();
    world.lastFocused!.focused = false;
    await scheduler.dispatch({ type: 'user:break-now' });
    expect(returnListeners()).toEqual([true, true, true]);
    expect(await fakeBrowser.alarms.get('unhunch:notification-recheck')).toBeDefined();
    await scheduler.dispatch({ type: 'user:skip', breakId: 1 });
    expect(returnListeners()).toEqual([false, false, false]);
    expect(await fakeBrowser.alarms.get('unhunch:notification-recheck')).toBeUndefined();
  });

  it('a break that leaves a gone overlay for a notification (the person is in another program) brings the notification listeners with it', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    expect(returnListeners()).toEqual([false, false, false]);
    world.lastFocused!.focused = false;
    await page.gone();
    await vi.waitFor(async () => expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' }), { timeout: 2_000 });
    expect(returnListeners()).toEqual([true, true, true]);
  });

  it('opens the window when the page keeps removing the overlay: the overlay script gave up, its frame went', async () => {
    const { scheduler } = await withListeners();
    world.overlay.set(1, 'shown');
    await scheduler.dispatch({ type: 'user:break-now' });
    const page = await connectBreakPage(TAB_1);
    world.overlay.set(1, 'gave-up');
    await page.gone();
    await vi.waitFor(async () => expect(await storedPresentation()).toMatchObject({ surface: 'window' }), { timeout: 2_000 });
  });
});

describe('a break held for a call up to the limit', () => {
  it('is offered as a silent notification, never over the page, and stays there while the call goes on', async () => {
    const { scheduler, present, storage } = await freshBackground();
    const { initialScheduleState } = await import('../../../src/core/rules/schedule');
    world.overlay.set(1, 'shown');
    const now = Date.now();
    // Said to be in a call, the break held since it fell due 61 minutes ago (the limit is 60).
    const dueSince = now - 61 * 60_000;
    await fakeBrowser.storage.local.set({
      schedule: {
        ...initialScheduleState(dueSince),
        mode: { kind: 'due', breakId: 1, dueSince, startedAt: null, manual: false, heldSince: dueSince, held: true },
        nextBreakId: 2,
        callManual: true,
        callManualUntil: null,
        alarmAt: now,
        lastSeenAt: now - 60_000,
      },
    });
    await scheduler.dispatch({ type: 'alarm' });
    expect(notifications()['unhunch:break']).toMatchObject({ title: 'breakNotificationTitle_other(2)', silent: true });
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
    expect(world.injections).toHaveLength(0);
    expect(world.createdWindows).toHaveLength(0);
    // The browser focused again (the surface listeners ask to show it where the person is): it stays a notification.
    await scheduler.inQueue(async () => present.presentBreak(1, await storage.loadSnapshot(Date.now())));
    expect(await storedPresentation()).toEqual({ breakId: 1, surface: 'notification' });
    expect(world.injections).toHaveLength(0);
  });
});
