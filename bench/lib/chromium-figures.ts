// The figures measured in real Chromium (playwright-core + the e2e harness): page cost, wake-ups,
// alarm → painted break (warm and cold worker), drift across worker stops, popup first paint.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_PATH, closeWelcomeTab, launchChromium, type ChromiumSession } from '../../tests/e2e/support/chromium';
import type { DevOverrides } from '../../tests/e2e/support/extension';
import { chromiumBrowserPid, chromiumExtensionPids, cpuMsBetween, cpuSnapshot, processTree } from './cpu';
import { LOAD_PATHS, TICKING_TITLE_PATH } from './pages';
import { BREAK_PAGE, POPUP_PAGE } from '../../src/core/contracts/extension-paths';

declare const chrome: {
  storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: { getAll(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]> };
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Static pages for the floor rows, in the bench's copy of the package (see `withFloorPages`). */
export const FLOOR_PAGES = { static: 'bench-floor/static.html', styledPrompt: 'bench-floor/prompt.html' } as const;

/**
 * A copy of the package with two static, web-accessible pages added, for the machine-floor rows:
 * a plain heading and paragraph, and the prompt's markup with the break page's own stylesheets
 * (no script). Only files are added; every file of the product is loaded unchanged.
 */
export function withFloorPages(extensionDir: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-bench-ext-'));
  fs.cpSync(extensionDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { web_accessible_resources?: { resources: string[]; matches: string[] }[] };
  manifest.web_accessible_resources = [...(manifest.web_accessible_resources ?? []), { resources: ['bench-floor/*'], matches: ['<all_urls>'] }];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const breakHtml = fs.readFileSync(path.join(dir, BREAK_PAGE), 'utf8');
  const stylesheets = [...breakHtml.matchAll(/<link rel="stylesheet"[^>]*>/g)].map((m) => m[0]).join('\n');
  const head = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Floor</title>';
  fs.mkdirSync(path.join(dir, 'bench-floor'));
  fs.writeFileSync(path.join(dir, FLOOR_PAGES.static), `${head}</head>\n<body><main><h1>Static floor</h1><p>A static extension page.</p></main></body></html>\n`);
  fs.writeFileSync(
    path.join(dir, FLOOR_PAGES.styledPrompt),
    `${head.replace('<html lang="en">', '<html lang="en" data-surface="overlay">')}\n${stylesheets}</head>\n<body><div id="app"><main class="card"><h1>Time for a 2-minute stretch</h1>` +
      "<p>You've been at the screen a while. Stand up, loosen your shoulders and upper back.</p>" +
      '<div class="actions"><button class="primary">Start</button><button>Snooze 5 min</button><button>Skip</button></div>' +
      '<button class="link-button">Why these stretches?</button></main></div></body></html>\n',
  );
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface StoredSchedule {
  mode: { kind: string; breakId?: number; dueSince?: number };
  cycleActiveMs: number;
  settledAt: number;
  countingFrom: number;
  alarmAt: number | null;
  lastSeenAt: number;
  awaySince: number | null;
}

export type Wakes = Partial<Record<'worker-start' | 'alarm' | 'badge-alarm' | 'notification-recheck' | 'idle' | 'command', number>>;

/** An extension page kept open as a control surface: storage reads never wake the worker. */
export class ChromiumControl {
  constructor(readonly page: Page) {}
  async schedule(): Promise<StoredSchedule> {
    return (await this.page.evaluate(() => chrome.storage.local.get('schedule'))).schedule as StoredSchedule;
  }
  async wakes(): Promise<Wakes> {
    const { diagnostics } = await this.page.evaluate(() => chrome.storage.local.get('diagnostics'));
    return ((diagnostics as { wakes?: Wakes } | undefined)?.wakes ?? {}) as Wakes;
  }
  async resetWakes(): Promise<void> {
    await this.page.evaluate(() => chrome.storage.local.set({ diagnostics: { wakes: {} } }));
  }
  async setDevOverrides(overrides: DevOverrides): Promise<void> {
    await this.page.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), overrides);
  }
  async alarms(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]> {
    return this.page.evaluate(() => chrome.alarms.getAll());
  }
  /** Any message wakes a stopped worker; `break:get` changes nothing. */
  async poke(): Promise<void> {
    await this.page.evaluate(() => chrome.runtime.sendMessage({ type: 'break:get' }).catch(() => null));
  }
}

export function breakFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f.url().includes(BREAK_PAGE));
}

/** Clicks a break-page button by its label prefix and waits for the overlay to go. */
async function answer(page: Page, frame: Frame, label: RegExp): Promise<void> {
  await frame.getByRole('button', { name: label }).click({ timeout: 15_000 });
  await until('the overlay to go', async () => !breakFrame(page), 15_000);
}

/** Time origin + first-contentful-paint of a document, as epoch ms (null before it painted). */
export async function frameOrigin(frame: Frame | Page): Promise<number> {
  return frame.evaluate(() => performance.timeOrigin);
}

async function paintedAt(frame: Frame | Page): Promise<number | null> {
  return frame.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return fcp ? performance.timeOrigin + fcp.startTime : null;
  });
}

/** When DOMContentLoaded finished (epoch ms): module scripts run before it, so by then the page's own script has run. */
export async function domContentLoadedAt(frame: Frame | Page): Promise<number> {
  return frame.evaluate(() => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
}

export interface ChromiumBench {
  session: ChromiumSession;
  page: Page;
  control: ChromiumControl;
  serverUrl: string;
  close(): Promise<void>;
}

export async function openChromium(extensionDir: string, serverUrl: string): Promise<ChromiumBench> {
  const copy = withFloorPages(extensionDir);
  const session = await launchChromium({ extensionDir: copy.dir, grantOrigins: ['<all_urls>'] });
  // The welcome tab of a fresh install is not part of any figure; waited for, so it cannot open
  // late over the bench's own page.
  await closeWelcomeTab(session);
  const control = new ChromiumControl(await session.openExtensionPage(POPUP_PAGE));
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(`${serverUrl}/`);
  await page.bringToFront();
  return {
    session,
    page,
    control,
    serverUrl,
    close: async () => {
      await session.close();
      copy.remove();
    },
  };
}

/** A Chromium with no extension at all (the same flags otherwise), the baseline of the page-load and CPU figures. */
async function launchPlainChromium(): Promise<{ context: BrowserContext; profile: string; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-bench-plain-'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-bench-tmp-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: { ...process.env, TMPDIR: tmp },
    args: ['--disable-gpu'],
  });
  return {
    context,
    profile,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function loadEventMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.loadEventStart - nav.startTime : Number.NaN;
  });
}

export interface PageCost {
  extensionScripts: { url: string; bytes: number; contextType: string }[];
  extensionScriptBytes: number;
  withMs: number[];
  withoutMs: number[];
}

/**
 * Figure 1: scripts of the extension parsed in a page (CDP Debugger.scriptParsed: chrome-extension
 * URLs or non-default execution contexts) and load-event times with vs without the extension,
 * alternating browsers load by load.
 */
export async function measurePageCost(bench: ChromiumBench, loadsPerVariant: number): Promise<PageCost> {
  const plain = await launchPlainChromium();
  try {
    const withPage = await bench.session.context.newPage();
    const withoutPage = await plain.context.newPage();
    const cdp = await bench.session.context.newCDPSession(withPage);
    const extensionScripts: PageCost['extensionScripts'] = [];
    cdp.on('Debugger.scriptParsed', (e) => {
      const aux = e.executionContextAuxData as { isDefault?: boolean; type?: string } | undefined;
      if (e.url.startsWith('chrome-extension://') || aux?.isDefault === false) {
        extensionScripts.push({ url: e.url, bytes: e.length ?? 0, contextType: aux?.type ?? 'unknown' });
      }
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    // Warm both caches and processes once, unmeasured.
    for (const p of LOAD_PATHS) {
      await loadEventMs(withPage, `${bench.serverUrl}${p}`);
      await loadEventMs(withoutPage, `${bench.serverUrl}${p}`);
    }
    for (let i = 0; i < loadsPerVariant; i++) {
      const url = `${bench.serverUrl}${LOAD_PATHS[i % LOAD_PATHS.length]}`;
      // Alternate which variant goes first, so neither always runs on a freshly idle machine.
      if (i % 2 === 0) {
        withMs.push(await loadEventMs(withPage, url));
        withoutMs.push(await loadEventMs(withoutPage, url));
      } else {
        withoutMs.push(await loadEventMs(withoutPage, url));
        withMs.push(await loadEventMs(withPage, url));
      }
    }
    await cdp.detach().catch(() => {});
    await withPage.close();
    return { extensionScripts, extensionScriptBytes: extensionScripts.reduce((s, x) => s + x.bytes, 0), withMs, withoutMs };
  } finally {
    await plain.close();
  }
}

export interface PaintSample {
  /** Navigation start → first contentful paint. */
  fcpMs: number;
  /** The document's last byte → first contentful paint: what the page itself costs (its scripts, reads and render). */
  responseEndToFcpMs: number;
}

async function paintSample(page: Page): Promise<PaintSample> {
  const fcpMs = await until('first paint', () => page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null), 10_000);
  const responseEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  return { fcpMs, responseEndToFcpMs: fcpMs - responseEnd };
}

/** Figure 6: first contentful paint of the popup page opened as a tab (the countdown is its first text). */
export async function measurePopupPaint(bench: ChromiumBench, runs: number): Promise<PaintSample[]> {
  const samples: PaintSample[] = [];
  for (let i = 0; i < runs; i++) {
    const popup = await bench.session.openExtensionPage(POPUP_PAGE);
    await popup.locator('.status').first().waitFor({ timeout: 10_000 });
    samples.push(await paintSample(popup));
    await popup.close();
  }
  await bench.page.bringToFront();
  return samples;
}

/** The machine's floor for the popup figure: first paint of a static page with a heading, in the same browser, over http or from the package. */
export async function measureStaticPaint(bench: ChromiumBench, runs: number, from: 'http' | 'extension' = 'http'): Promise<PaintSample[]> {
  const samples: PaintSample[] = [];
  for (let i = 0; i < runs; i++) {
    const page = from === 'http' ? await bench.session.context.newPage() : await bench.session.openExtensionPage(FLOOR_PAGES.static);
    if (from === 'http') await page.goto(`${bench.serverUrl}/`);
    samples.push(await paintSample(page));
    await page.close();
  }
  await bench.page.bringToFront();
  return samples;
}

/** Run in the page: a full-viewport iframe over it, like the overlay's (both browsers' floor figures). */
export function addFloorFrame(src: string): void {
  const frame = document.createElement('iframe');
  frame.id = 'unhunch-bench-floor';
  frame.src = src;
  frame.setAttribute('style', 'position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; z-index: 2147483647; background: transparent');
  document.documentElement.append(frame);
}

export function removeFloorFrame(): void {
  document.getElementById('unhunch-bench-floor')?.remove();
}

/**
 * The machine's floor for the break frame: a static extension page in a full-viewport iframe over
 * the same tab (added by the page rather than by the overlay script: the same cross-process
 * extension frame), time origin → first contentful paint, as `frameStartToPaintMs` of figure 4.
 */
export async function measureFrameFloor(bench: ChromiumBench, runs: number, pagePath: string): Promise<number[]> {
  const { page, session } = bench;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const url = `${session.origin}/${pagePath}?run=${i}`;
    await page.evaluate(addFloorFrame, url);
    const frame = await until('the floor frame', async () => page.frames().find((f) => f.url() === url), 10_000, 5);
    const painted = await until('the floor frame to paint', () => paintedAt(frame), 10_000);
    samples.push(painted - (await frameOrigin(frame)));
    await page.evaluate(removeFloorFrame);
    await sleep(500);
  }
  return samples;
}

export interface WakeRun {
  cycles: number;
  wakes: Wakes;
  badgeAlarmPeriodMinutes: number | null;
  elapsedMs: number;
}

/**
 * Figure 2: N break cycles at a scaled clock, each break skipped at once (the Skip click reaches a
 * running worker, so it costs no start). The worker is stopped after every wake, as Chromium's
 * 30 s idle timeout would over a real 30-minute cycle, so every unprompted event is a cold start.
 */
export async function measureWakeUps(bench: ChromiumBench, cycles: number, clock: DevOverrides): Promise<WakeRun> {
  const { control, page, session } = bench;
  await control.setDevOverrides(clock);
  // The first break of the new clock, answered before counting starts.
  await answer(page, await until('the first break', async () => breakFrame(page), 30_000), /^Skip/);
  await sleep(300);
  await session.stopServiceWorker();
  await control.resetWakes();
  const started = Date.now();
  for (let cycle = 0; cycle < cycles; cycle++) {
    let seenAlarms = (await control.wakes()).alarm ?? 0;
    // Every alarm of the cycle: wait for it, let the worker finish, stop it (as the idle timeout would).
    for (;;) {
      const frame = breakFrame(page);
      if (frame) {
        await answer(page, frame, /^Skip/);
        await sleep(300);
        if (await session.serviceWorkerRunning()) await session.stopServiceWorker();
        break;
      }
      const alarms = (await control.wakes()).alarm ?? 0;
      if (alarms > seenAlarms) {
        seenAlarms = alarms;
        await sleep(300);
        if (!breakFrame(page) && (await session.serviceWorkerRunning())) await session.stopServiceWorker();
      }
      await sleep(50);
    }
  }
  const elapsedMs = Date.now() - started;
  const wakes = await control.wakes();
  const badge = (await control.alarms()).find((a) => a.name === 'unhunch:badge');
  return { cycles, wakes, badgeAlarmPeriodMinutes: badge?.periodInMinutes ?? null, elapsedMs };
}

export interface BreakPaintSample {
  worker: 'warm' | 'cold';
  /** Scheduled alarm time → first contentful paint of the break frame. */
  alarmToPaintMs: number;
  /** The worker's handling of the alarm (mode.dueSince) → first paint: the product's own share. */
  handledToPaintMs: number;
  /** Scheduled → handled: the browser's alarm lateness plus, when cold, the worker's start. */
  alarmToHandledMs: number;
  /** Handled → the break frame's navigation began: reading state, finding the tab, injecting the overlay. */
  handledToFrameStartMs?: number;
  /** Break frame navigation → first paint: loading the page's scripts, the `break:get` round trip, rendering. */
  frameStartToPaintMs?: number;
  /** Of that, frame navigation → DOMContentLoaded: the page's HTML, stylesheets and module scripts loaded and run. */
  frameStartToScriptsRunMs?: number;
}

/** One break's timeline, from the instants both browsers report, split into the shares above. */
export function breakPaintSample(
  worker: BreakPaintSample['worker'],
  at: { alarm: number; handled: number; frameStart: number; scriptsRan: number; painted: number },
): BreakPaintSample {
  return {
    worker,
    alarmToPaintMs: at.painted - at.alarm,
    handledToPaintMs: at.painted - at.handled,
    alarmToHandledMs: at.handled - at.alarm,
    handledToFrameStartMs: at.frameStart - at.handled,
    frameStartToPaintMs: at.painted - at.frameStart,
    frameStartToScriptsRunMs: at.scriptsRan - at.frameStart,
  };
}

/** Figure 4: alarm → break painted in the page, with the worker running (warm) or stopped (cold) when the alarm fires. */
export async function measureBreakPaint(bench: ChromiumBench, perMode: number, workSeconds: number): Promise<BreakPaintSample[]> {
  const { control, page, session } = bench;
  await control.setDevOverrides({ workSeconds });
  const first = await until('the first break', async () => breakFrame(page), 30_000);
  await answer(page, first, /^Skip/);
  const samples: BreakPaintSample[] = [];
  for (let i = 0; i < perMode * 2; i++) {
    const worker = i % 2 === 0 ? 'warm' : 'cold';
    const schedule = await until('the next alarm to be armed', async () => {
      const s = await control.schedule();
      return s.mode.kind === 'working' && s.alarmAt !== null ? s : null;
    });
    const alarmAt = schedule.alarmAt!;
    if (worker === 'cold') await session.stopServiceWorker();
    const stoppedInTime = Date.now() < alarmAt - 100;
    const frame = await until('the break overlay', async () => breakFrame(page), 30_000, 5);
    await frame.getByRole('button', { name: /^Start/ }).waitFor({ timeout: 15_000 });
    const painted = await until('the break frame to paint', () => paintedAt(frame), 10_000);
    const due = await control.schedule();
    const dueSince = due.mode.dueSince ?? Number.NaN;
    const origin = await frameOrigin(frame);
    const scriptsRan = await domContentLoadedAt(frame);
    if (worker === 'warm' || stoppedInTime) {
      samples.push(breakPaintSample(worker, { alarm: alarmAt, handled: dueSince, frameStart: origin, scriptsRan, painted }));
    }
    await answer(page, frame, /^Skip/);
    // A warm sample needs a worker that is still running: wake it if the skip left it stopped.
    if (!(await session.serviceWorkerRunning())) await control.poke();
  }
  return samples;
}

export interface DriftRun {
  stops: number;
  workMs: number;
  /** Per restart: stored active time (settled + unsettled) minus true active time since the cycle began. */
  restartDriftMs: number[];
  /** The break's scheduled time minus (cycle start + work time): how far the schedule moved. */
  dueDriftMs: number;
  /** How late the browser delivered the final alarm (not the product's drift). */
  alarmLatenessMs: number;
}

/** Figure 5: one cycle with the worker stopped (and woken again) `stops` times; compares recorded with true active time. */
export async function measureDrift(bench: ChromiumBench, stops: number, workSeconds: number): Promise<DriftRun> {
  const { control, page, session } = bench;
  await control.setDevOverrides({ workSeconds });
  const first = await until('a break to restart the cycle', async () => breakFrame(page), 60_000);
  await answer(page, first, /^Skip/);
  const start = await until('the new cycle', async () => {
    const s = await control.schedule();
    return s.mode.kind === 'working' && s.cycleActiveMs === 0 && s.alarmAt !== null ? s : null;
  });
  const cycleStart = start.countingFrom;
  const workMs = workSeconds * 1000;
  const gapMs = Math.min(1500, (workMs - 3000) / (stops + 1));
  const restartDriftMs: number[] = [];
  let lastAlarmAt = start.alarmAt!;
  for (let i = 0; i < stops; i++) {
    await sleep(gapMs / 2);
    const stoppedAt = Date.now();
    await session.stopServiceWorker();
    await sleep(gapMs / 2);
    await control.poke();
    const s = await until('the restarted worker to persist', async () => {
      const x = await control.schedule();
      return x.lastSeenAt > stoppedAt ? x : null;
    });
    if (s.mode.kind !== 'working') throw new Error('the break fell due during the drift run; raise workSeconds');
    const recorded = s.cycleActiveMs + (s.lastSeenAt - s.settledAt);
    restartDriftMs.push(recorded - (s.lastSeenAt - cycleStart));
    if (s.alarmAt !== null) lastAlarmAt = s.alarmAt;
  }
  const frame = await until('the break', async () => breakFrame(page), workMs + 20_000);
  const due = await control.schedule();
  const dueSince = due.mode.dueSince ?? Number.NaN;
  await answer(page, frame, /^Skip/);
  return { stops, workMs, restartDriftMs, dueDriftMs: lastAlarmAt - (cycleStart + workMs), alarmLatenessMs: dueSince - lastAlarmAt };
}

/** How many of `events` browsing events started the stopped background again. */
export interface BrowsingWakes {
  events: number;
  wakes: number;
}

export interface BrowsingCounts {
  pageLoads: number;
  titleChanges: number;
  newTabs: number;
  windowSwitches: number;
}

/** A stopped background started by an event has begun within this (measured: ~50–150 ms). */
const WAKE_SETTLE_MS = 250;

/**
 * Figure 7 (Chromium): with no break due and the worker stopped, the browsing events that start it
 * again. After each event the worker's target is looked for; if it runs, that is a wake-up, and it
 * is stopped again for the next event.
 */
export async function measureBrowsingWakes(bench: ChromiumBench, counts: BrowsingCounts): Promise<Record<keyof BrowsingCounts, BrowsingWakes>> {
  const { session, page, control, serverUrl } = bench;
  await control.setDevOverrides({ workSeconds: 3600 });
  await sleep(500);
  // One event (a page load) may be several browser events in a row: stop until it stays stopped.
  const stopForGood = async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await session.stopServiceWorker().catch(() => undefined);
      await sleep(WAKE_SETTLE_MS);
      if (!(await session.serviceWorkerRunning())) return;
    }
    throw new Error('the worker keeps starting again');
  };
  const count = async (events: number, act: (i: number) => Promise<unknown>): Promise<BrowsingWakes> => {
    let wakes = 0;
    await stopForGood();
    for (let i = 0; i < events; i++) {
      await act(i);
      await sleep(WAKE_SETTLE_MS);
      if (await session.serviceWorkerRunning()) {
        wakes += 1;
        await stopForGood();
      }
    }
    return { events, wakes };
  };
  const pageLoads = await count(counts.pageLoads, (i) => page.goto(`${serverUrl}${LOAD_PATHS[i % LOAD_PATHS.length]}?${i}`));
  const titleChanges = await count(counts.titleChanges, (i) => page.evaluate((n) => (document.title = `(${n}) Inbox`), i));
  const newTabs = await count(counts.newTabs, async () => {
    const tab = await session.context.newPage();
    await tab.goto(`${serverUrl}/`);
    await tab.close();
  });
  // A second browser window; the control page (an extension page, not an event) moves the focus.
  const windows = await control.page.evaluate(async (url) => {
    const api = (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<{ id: number }>; getLastFocused(): Promise<{ id: number }> } } }).chrome.windows;
    const first = await api.getLastFocused();
    const second = await api.create({ url, focused: true });
    return [first.id, second.id];
  }, `${serverUrl}/`);
  const windowSwitches = await count(counts.windowSwitches, (i) =>
    control.page.evaluate(
      (id) => (globalThis as unknown as { chrome: { windows: { update(id: number, o: object): Promise<unknown> } } }).chrome.windows.update(id, { focused: true }),
      windows[i % 2]!,
    ),
  );
  await control.page.evaluate((id) => (globalThis as unknown as { chrome: { windows: { remove(id: number): Promise<void> } } }).chrome.windows.remove(id), windows[1]!);
  await page.bringToFront();
  return { pageLoads, titleChanges, newTabs, windowSwitches };
}

export interface TickingTitleCpu {
  seconds: number;
  extensionProcessMs: number;
  /** Firefox: its built-in add-ons share the extension process, so it has one without ours too. */
  extensionProcessWithoutMs?: number;
  browserWithMs: number;
  browserWithoutMs: number;
}

/**
 * Figure 7 (Chromium): CPU over `seconds` beside a tab whose title ticks once a second, in two
 * browsers side by side over the same seconds: one with the extension (its worker stopped first, no
 * extension page open), one without. Reports the extension process and each browser's whole tree.
 */
export async function measureTickingTitleCpu(extensionDir: string, serverUrl: string, seconds: number): Promise<TickingTitleCpu> {
  const withExtension = await launchChromium({ extensionDir });
  const without = await launchPlainChromium();
  try {
    for (const p of withExtension.context.pages()) if (p.url().includes('welcome')) await p.close();
    const tabs = [await withExtension.context.newPage(), await without.context.newPage()];
    for (const tab of tabs) await tab.goto(`${serverUrl}${TICKING_TITLE_PATH}`);
    for (const p of without.context.pages()) if (!tabs.includes(p)) await p.close();
    for (const p of withExtension.context.pages()) if (!tabs.includes(p)) await p.close();
    await withExtension.stopServiceWorker();
    await sleep(1_000);
    const withRoot = chromiumBrowserPid(withExtension.profileDir);
    const withoutRoot = chromiumBrowserPid(without.profile);
    const measure = () => ({
      extension: cpuSnapshot(chromiumExtensionPids(withRoot)),
      with: cpuSnapshot(processTree(withRoot)),
      without: cpuSnapshot(processTree(withoutRoot)),
    });
    const before = measure();
    await sleep(seconds * 1000);
    const after = measure();
    return {
      seconds,
      extensionProcessMs: cpuMsBetween(before.extension, after.extension),
      browserWithMs: cpuMsBetween(before.with, after.with),
      browserWithoutMs: cpuMsBetween(before.without, after.without),
    };
  } finally {
    await withExtension.close();
    await without.close();
  }
}
