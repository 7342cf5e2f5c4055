// The background obeys only the extension's own pages, only well-formed requests, and the test clock only in development installs.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, freshBackground as freshBrowserAndBackground } from '../../support/fake-background';

const OWN_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/pages/popup/index.html' };
const OPTIONS_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/pages/options/index.html' };
const TOKEN = '0123456789abcdef0123456789abcdef';
/** The break page in the break window (id 99, the one the fake browser opens), with the token the background gave it. */
async function breakWindowPage() {
  const { presentation } = (await fakeBrowser.storage.local.get('presentation')) as { presentation?: { token?: string } };
  const token = presentation?.token ?? TOKEN;
  return { sender: { id: 'test-extension-id', url: `chrome-extension://test-extension-id/src/pages/break/index.html?surface=window&token=${token}`, tab: { id: 7, windowId: 99 }, frameId: 0 }, token };
}
const installType: { value: 'development' | 'normal' } = { value: 'development' };

async function freshBackground() {
  const { requests, storage } = await freshBrowserAndBackground(['requests', 'storage'], { installType: installType.value, focusedWindow: { id: 1, focused: true, type: 'popup' } });
  // A focused window of its own (no tabs, no overlay): every break opens in the break window, id 99.
  const browser = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  browser.scripting!.executeScript = async () => [];
  browser.windows!.create = async () => ({ id: 99 });
  browser.windows!.get = async (id: number) => ({ id });
  // Senders here carry only the facts the background reads.
  const handleMessage = requests.handleMessage as (raw: unknown, sender: object) => Promise<unknown> | undefined;
  const onRequest = requests.onRequest as (raw: unknown, sender: object) => Promise<unknown> | undefined;
  return { handleMessage, onRequest, storage };
}

async function storedMode(): Promise<string | undefined> {
  const { schedule } = (await fakeBrowser.storage.local.get('schedule')) as { schedule?: { mode: { kind: string } } };
  return schedule?.mode.kind;
}

describe('who may drive the scheduler', () => {
  beforeEach(() => {
    installType.value = 'development';
  });

  it("obeys the extension's own pages", async () => {
    const { handleMessage } = await freshBackground();
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    expect(await storedMode()).toBe('due');
  });

  it('takes a break now asked for from the popup with the window it belongs to', async () => {
    const { handleMessage } = await freshBackground();
    await handleMessage({ type: 'break:now', windowId: 3 }, OWN_PAGE);
    expect(await storedMode()).toBe('due');
  });

  it("ignores a content script in a web page, even one carrying the extension's id", async () => {
    const { handleMessage } = await freshBackground();
    expect(handleMessage({ type: 'break:now' }, { id: 'test-extension-id', url: 'https://evil.example/' })).toBeUndefined();
    expect(await storedMode()).toBeUndefined();
  });

  it('ignores other extensions and senders without a URL', async () => {
    const { handleMessage } = await freshBackground();
    expect(handleMessage({ type: 'break:now' }, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' })).toBeUndefined();
    expect(handleMessage({ type: 'break:now' }, { id: 'test-extension-id' })).toBeUndefined();
    expect(await storedMode()).toBeUndefined();
  });

  it('ignores malformed requests from its own pages', async () => {
    const { handleMessage } = await freshBackground();
    for (const bad of [
      null,
      'break:now',
      { type: 'break:now', extra: 1 },
      { type: 'break:now', windowId: '3' },
      { type: 'break:now', windowId: -1 },
      { type: 'break:now', windowId: 1.5 },
      { type: 'break:skip', breakId: '1' },
      { type: 'pause', minutes: -1 },
      { type: 'explode' },
    ]) {
      expect(handleMessage(bad, OWN_PAGE)).toBeUndefined();
    }
    expect(await storedMode()).toBeUndefined();
  });
});

describe('the test-only clock (devOverrides)', () => {
  it('is honoured for a development install', async () => {
    installType.value = 'development';
    const { storage } = await freshBackground();
    await fakeBrowser.storage.local.set({ devOverrides: { workSeconds: 5, breakSeconds: 6 } });
    const { timing } = await storage.loadSnapshot(Date.now());
    expect(timing.workMs).toBe(5_000);
    expect(timing.breakMs).toBe(6_000);
  });

  it('is ignored by a store install', async () => {
    installType.value = 'normal';
    const { storage } = await freshBackground();
    await fakeBrowser.storage.local.set({ devOverrides: { workSeconds: 5, breakSeconds: 6 } });
    const { timing } = await storage.loadSnapshot(Date.now());
    expect(timing.workMs).toBe(30 * 60_000);
    expect(timing.breakMs).toBe(120_000);
  });

  it('a corrupt stored state starts a fresh cycle instead of failing', async () => {
    const { storage } = await freshBackground();
    await fakeBrowser.storage.local.set({ schedule: { version: 1, mode: 'garbage' }, history: { '2026-11-25': { activeMs: -5 } } });
    const snapshot = await storage.loadSnapshot(Date.now());
    expect(snapshot.state.mode.kind).toBe('working');
    expect(snapshot.history).toEqual({});
  });
});

describe('answering in both browsers (a promise, through the polyfill)', () => {
  it('answers a request with a promise of the answer', async () => {
    const { onRequest } = await freshBackground();
    const { sender, token } = await breakWindowPage();
    const answering = onRequest({ type: 'break:get', token }, sender);
    expect(answering).toBeInstanceOf(Promise);
    expect(await answering).toBeNull();
  });

  it('returns nothing for a message it ignores, so the channel closes and other listeners may answer', async () => {
    const { onRequest } = await freshBackground();
    expect(onRequest({ type: 'break:now' }, { id: 'test-extension-id', url: 'https://evil.example/' })).toBeUndefined();
    expect(onRequest({ type: 'overlay:lost', breakId: 1 }, OWN_PAGE)).toBeUndefined();
  });

  it('still answers (with nothing) when the work fails, so no page waits forever', async () => {
    const { onRequest } = await freshBackground();
    const storageGone = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is gone'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answering = onRequest({ type: 'break:now' }, OWN_PAGE);
    expect(answering).toBeInstanceOf(Promise);
    expect(await answering).toBeUndefined();
    storageGone.mockRestore();
    error.mockRestore();
  });
});

describe('importing history: the page checks the file, the background merges the days', () => {
  const TALLY = { activeMs: 60_000, completed: 1, snoozed: 0, skipped: 0, natural: 2, held: 0 };

  it('merges checked days into the stored history and reports what changed', async () => {
    const { handleMessage } = await freshBackground();
    const today = new Date();
    const key = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await fakeBrowser.storage.local.set({ history: { [key]: { ...TALLY, completed: 5 } } });
    const answer = await handleMessage({ type: 'history:import', days: { [key]: TALLY } }, OPTIONS_PAGE);
    expect(answer).toEqual({ ok: true, summary: { added: 0, replaced: 1, tooOld: 0, firstDay: key, lastDay: key } });
    expect((await fakeBrowser.storage.local.get('history')).history).toEqual({ [key]: TALLY });
  });

  it('refuses days that are not well-formed tallies, and writes nothing', async () => {
    const { handleMessage } = await freshBackground();
    for (const days of [null, [], 'x', { '2026-01-01': { ...TALLY, completed: -1 } }, { yesterday: TALLY }, { '2026-01-01': { activeMs: 5 } }, { '2026-01-01': { ...TALLY, skipped: 1_501 } }, { '2026-01-01': { ...TALLY, activeMs: 26 * 3_600_000 } }]) {
      expect(handleMessage({ type: 'history:import', days }, OPTIONS_PAGE)).toBeUndefined();
    }
    expect(handleMessage({ type: 'history:import', text: '{}' }, OPTIONS_PAGE)).toBeUndefined();
    expect((await fakeBrowser.storage.local.get('history')).history).toBeUndefined();
  });
});

describe('the routine a break shows, with "take turns" on', () => {
  type Handle = (raw: unknown, sender: object) => Promise<unknown> | undefined;

  async function breakView(handleMessage: Handle) {
    const { sender, token } = await breakWindowPage();
    return (await handleMessage({ type: 'break:get', token }, sender)) as { breakId: number; routineId: string; routineRound: number };
  }

  /** What the break window's buttons send. */
  async function press(handleMessage: Handle, type: string, breakId: number) {
    const { sender, token } = await breakWindowPage();
    return handleMessage({ type, breakId, token }, sender);
  }

  it('keeps the routine when a snoozed break comes back, and moves to the next one after a break taken', async () => {
    const { handleMessage } = await freshBackground();
    await fakeBrowser.storage.sync.set({ settings: { version: 1, routine: 'desk', routineRotation: 'rotate' } });
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const first = await breakView(handleMessage);
    expect(first.routineId).toBe('desk');

    // Snoozed, then due again: a new break id, the same turn.
    await press(handleMessage, 'break:snooze', first.breakId);
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const again = await breakView(handleMessage);
    expect(again.breakId).toBeGreaterThan(first.breakId);
    expect(again.routineId).toBe('desk');

    // Taken: the next break is the next routine; a skipped one takes no turn.
    await press(handleMessage, 'break:start', again.breakId);
    await press(handleMessage, 'break:complete', again.breakId);
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const next = await breakView(handleMessage);
    expect(next.routineId).toBe('floor');
    await press(handleMessage, 'break:skip', next.breakId);
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    expect((await breakView(handleMessage)).routineId).toBe('floor');
  });

  it('always shows the chosen routine when turns are off', async () => {
    const { handleMessage } = await freshBackground();
    await fakeBrowser.storage.sync.set({ settings: { version: 1, routine: 'floor', routineRotation: 'fixed' } });
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const first = await breakView(handleMessage);
    await press(handleMessage, 'break:start', first.breakId);
    await press(handleMessage, 'break:complete', first.breakId);
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    expect((await breakView(handleMessage)).routineId).toBe('floor');
  });

  it('moves the routine on to its next selection of exercises after a break taken, never after a snooze or a skip', async () => {
    const { handleMessage } = await freshBackground();
    await fakeBrowser.storage.sync.set({ settings: { version: 1, routine: 'desk', routineRotation: 'fixed' } });
    const rounds: number[] = [];
    for (const answer of ['break:snooze', 'break:complete', 'break:skip', 'break:snooze', 'break:complete', 'break:complete']) {
      await handleMessage({ type: 'break:now' }, OWN_PAGE);
      const view = await breakView(handleMessage);
      rounds.push(view.routineRound);
      if (answer === 'break:complete') await press(handleMessage, 'break:start', view.breakId);
      await press(handleMessage, answer, view.breakId);
    }
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    rounds.push((await breakView(handleMessage)).routineRound);
    expect(rounds).toEqual([0, 0, 1, 1, 1, 2, 3]);
  });
});

describe('a web page can neither see nor drive a break', () => {
  const WELCOME_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/pages/welcome/index.html' };

  it('each page may ask only what it has a button for', async () => {
    const { handleMessage } = await freshBackground();
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const { sender, token } = await breakWindowPage();
    expect(handleMessage({ type: 'pause', minutes: 30 }, sender)).toBeUndefined();
    expect(handleMessage({ type: 'history:clear' }, OWN_PAGE)).toBeUndefined();
    expect(handleMessage({ type: 'break:skip', breakId: 1, token }, OWN_PAGE)).toBeUndefined();
    expect(handleMessage({ type: 'break:now' }, OPTIONS_PAGE)).toBeUndefined();
    expect(handleMessage({ type: 'break:now' }, WELCOME_PAGE)).toBeUndefined();
    expect(await storedMode()).toBe('due');
  });

  it('obeys a break request only from the page showing the break: its token, its window, its top frame', async () => {
    const { handleMessage } = await freshBackground();
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    const { sender, token } = await breakWindowPage();
    const wrongToken = 'ffffffffffffffffffffffffffffffff';
    // A web page framing a copy of the break page: the right window (or not), but a frame, and no token.
    const framed = { ...sender, tab: { id: 3, windowId: 1 }, frameId: 5 };
    for (const [raw, from] of [
      [{ type: 'break:skip', breakId: 1, token: wrongToken }, sender],
      [{ type: 'break:skip', breakId: 1, token }, framed],
      [{ type: 'break:skip', breakId: 1, token }, { ...sender, frameId: 2 }],
      [{ type: 'break:skip', breakId: 1, token }, { ...sender, tab: { id: 7, windowId: 55 } }],
    ] as const) {
      expect(await handleMessage(raw, from)).toEqual({ ok: false });
    }
    expect(handleMessage({ type: 'break:skip', breakId: 1 }, sender)).toBeUndefined();
    expect(await handleMessage({ type: 'break:get', token: wrongToken }, sender)).toBeNull();
    expect(await storedMode()).toBe('due');
    // The page showing the break, with its token, is obeyed.
    expect(await handleMessage({ type: 'break:skip', breakId: 1, token }, sender)).toEqual({ ok: true });
    expect(await storedMode()).toBe('working');
  });
});

describe('"I\'m in a call" from the popup', () => {
  async function stored(): Promise<{ mode: { kind: string; heldSince?: number | null }; callManual: boolean; callManualUntil: number | null }> {
    return ((await fakeBrowser.storage.local.get('schedule')) as { schedule: never }).schedule;
  }

  it('is the popup\'s to ask, with 30, 60 or 90 minutes, until ended, or its end; nothing else', async () => {
    const { handleMessage } = await freshBackground();
    for (const bad of [{ type: 'call' }, { type: 'call', minutes: 45 }, { type: 'call', minutes: '30' }, { type: 'call', minutes: 'end', extra: 1 }]) {
      expect(handleMessage(bad, OWN_PAGE)).toBeUndefined();
    }
    expect(handleMessage({ type: 'call', minutes: 30 }, OPTIONS_PAGE)).toBeUndefined();
    const before = Date.now();
    expect(await handleMessage({ type: 'call', minutes: 90 }, OWN_PAGE)).toEqual({ ok: true });
    const state = await stored();
    expect(state.callManual).toBe(true);
    expect(state.callManualUntil).toBeGreaterThanOrEqual(before + 90 * 60_000);
    await handleMessage({ type: 'call', minutes: 'end' }, OWN_PAGE);
    expect((await stored()).callManual).toBe(false);
    await handleMessage({ type: 'call', minutes: null }, OWN_PAGE);
    expect(await stored()).toMatchObject({ callManual: true, callManualUntil: null });
  });

  it('takes a break on screen down and holds it; "Show the break" brings it back at once', async () => {
    const { handleMessage } = await freshBackground();
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    expect(await fakeBrowser.storage.local.get('presentation')).toHaveProperty('presentation');
    await handleMessage({ type: 'call', minutes: 60 }, OWN_PAGE);
    expect((await stored()).mode).toMatchObject({ kind: 'due', heldSince: expect.any(Number) });
    expect(await fakeBrowser.storage.local.get('presentation')).toEqual({});
    await handleMessage({ type: 'break:now' }, OWN_PAGE);
    expect((await stored()).mode).toMatchObject({ kind: 'due', heldSince: null });
    expect(await fakeBrowser.storage.local.get('presentation')).toHaveProperty('presentation');
  });
});
