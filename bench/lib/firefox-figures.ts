// The figures measured in real Firefox ESR (puppeteer-core over WebDriver BiDi + the e2e harness):
// page-load cost with vs without the add-on, wake-ups with a quickly suspending event page,
// away-spell wake-ups, alarm → painted break (warm and cold event page), popup first paint.

import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type { DevOverrides } from '../../tests/e2e/support/extension';
import { chromeEvalIn, closeWelcomeTab, FIREFOX_EXTENSION_ORIGIN, firefoxBin, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../../tests/e2e/support/firefox';
import { addFloorFrame, breakPaintSample, FLOOR_PAGES, removeFloorFrame, sleep, until, withFloorPages, type StoredSchedule, type WakeRun, type Wakes } from './chromium-figures';
import type { BreakPaintSample, PageCost, PaintSample } from './chromium-figures';
import { cpuMsBetween, cpuSnapshot, processTree } from './cpu';
import type { BrowsingCounts, BrowsingWakes, TickingTitleCpu } from './chromium-figures';
import { LOAD_PATHS, TICKING_TITLE_PATH } from './pages';
import { BREAK_PAGE, POPUP_PAGE } from '../../src/core/contracts/extension-paths';

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  tabs: { query(query: object): Promise<{ active: boolean; url?: string }[]> };
  alarms: { getAll(): Promise<{ name: string; periodInMinutes?: number }[]> };
};

export interface FirefoxBench {
  session: FirefoxSession;
  page: Page;
  control: Page;
  serverUrl: string;
  close(): Promise<void>;
}

export async function openFirefox(extensionDir: string, serverUrl: string, prefs: Record<string, unknown> = {}): Promise<FirefoxBench> {
  const copy = withFloorPages(extensionDir);
  const session = await launchFirefox({ extensionDir: copy.dir, prefs });
  try {
    // A fresh install opens the welcome tab, on a loaded machine sometimes after the bench's own
    // page: it would then be the active tab, and a break over it goes to a window the figures
    // never look in.
    await closeWelcomeTab(session);
    const control = await session.openExtensionPage(POPUP_PAGE);
    await grantOverlayAccess(control);
    const page = await session.newPage(`${serverUrl}/`);
    await page.setViewport({ width: 1100, height: 760 });
    await session.setIdleTime(0);
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
  } catch (error) {
    await session.close();
    copy.remove();
    throw error;
  }
}

/**
 * Allows breaks over pages from the popup, with a real click (`permissions.request` needs a
 * gesture), as the e2e tests do; the optional host permission is not granted by default. Without
 * it every break would go to a window, so a bench that could not grant it stops here.
 */
async function grantOverlayAccess(control: Page): Promise<void> {
  const granted = () => control.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }));
  if (await granted()) return;
  await control.waitForSelector('#allow-overlay', { timeout: 30_000 });
  await control.click('#allow-overlay');
  await until('breaks to be allowed over pages', granted, 10_000, 100);
}

export async function setDevOverrides(bench: FirefoxBench, overrides: DevOverrides): Promise<void> {
  await bench.control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), overrides);
}

async function schedule(control: Page): Promise<StoredSchedule> {
  return (await control.evaluate(() => browser.storage.local.get('schedule'))).schedule as StoredSchedule;
}

async function wakes(control: Page): Promise<Wakes> {
  const { diagnostics } = await control.evaluate(() => browser.storage.local.get('diagnostics'));
  return ((diagnostics as { wakes?: Wakes } | undefined)?.wakes ?? {}) as Wakes;
}

/**
 * Wake-ups counted since `before`. Counters are read, never reset, during a measurement: a reset
 * is a storage write, and its storage.onChanged would itself wake a suspended event page.
 */
function since(before: Wakes, after: Wakes): Wakes {
  const counted: Wakes = {};
  for (const cause of Object.keys(after) as (keyof Wakes)[]) {
    const n = (after[cause] ?? 0) - (before[cause] ?? 0);
    if (n > 0) counted[cause] = n;
  }
  return counted;
}

async function overlayFrame(page: Page, timeoutMs = 200): Promise<Frame | null> {
  return waitForExtensionFrame(page, BREAK_PAGE, timeoutMs).catch(() => null);
}

/**
 * The break's overlay over the bench page. A break that shows elsewhere times this out with where
 * it went (stored schedule and presentation, the tabs), so a failed run says why.
 */
async function breakOverlay(bench: FirefoxBench, what: string, timeoutMs: number, everyMs: number, probeMs = 200): Promise<Frame> {
  try {
    return await until(what, () => overlayFrame(bench.page, probeMs), timeoutMs, everyMs);
  } catch (error) {
    const where = await bench.control
      .evaluate(async () => {
        const { schedule, presentation } = await browser.storage.local.get(['schedule', 'presentation']);
        const tabs = (await browser.tabs.query({})).map((tab) => `${tab.active ? '*' : ''}${tab.url ?? '?'}`);
        return JSON.stringify({ mode: (schedule as { mode?: unknown } | undefined)?.mode, presentation, tabs });
      })
      .catch((probeError: unknown) => `unknown (${String(probeError)})`);
    throw new Error(`${(error as Error).message}; the break: ${where}`);
  }
}

async function clickButton(frame: Frame, label: string): Promise<void> {
  await frame.waitForFunction(
    (text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith(text)),
    { timeout: 15_000 },
    label,
  );
  await frame.evaluate((text) => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!.click();
  }, label);
}

async function skip(bench: FirefoxBench, frame: Frame): Promise<void> {
  await clickButton(frame, 'Skip');
  await until('the overlay to go', async () => (await overlayFrame(bench.page, 100)) === null, 15_000, 50);
}

async function paintedAt(frame: Frame): Promise<number | null> {
  return frame.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return fcp ? performance.timeOrigin + fcp.startTime : null;
  });
}

async function loadEventMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.loadEventStart - nav.startTime : Number.NaN;
  });
}

/** Figure 1 (Firefox): load-event times with the add-on installed vs a Firefox without it, alternating. */
export async function measurePageCost(bench: FirefoxBench, loadsPerVariant: number): Promise<Pick<PageCost, 'withMs' | 'withoutMs'>> {
  process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const plain: Browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxBin(), headless: true, timeout: 120_000 });
  try {
    const withPage = await bench.session.newPage(`${bench.serverUrl}/`);
    const withoutPage = await plain.newPage();
    for (const p of LOAD_PATHS) {
      await loadEventMs(withPage, `${bench.serverUrl}${p}`);
      await loadEventMs(withoutPage, `${bench.serverUrl}${p}`);
    }
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    for (let i = 0; i < loadsPerVariant; i++) {
      const url = `${bench.serverUrl}${LOAD_PATHS[i % LOAD_PATHS.length]}`;
      if (i % 2 === 0) {
        withMs.push(await loadEventMs(withPage, url));
        withoutMs.push(await loadEventMs(withoutPage, url));
      } else {
        withoutMs.push(await loadEventMs(withoutPage, url));
        withMs.push(await loadEventMs(withPage, url));
      }
    }
    await withPage.close();
    await bench.page.bringToFront();
    return { withMs, withoutMs };
  } finally {
    const proc = plain.process();
    await Promise.race([plain.close().catch(() => {}), sleep(15_000)]);
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

/** First contentful paint (or, where Firefox gives none, when `seen` was true) and the share after the document's last byte. */
async function paintSample(page: Page, seenSelector: string): Promise<PaintSample> {
  await page.waitForSelector(seenSelector, { timeout: 10_000 });
  const seen = await page.evaluate(() => performance.now());
  const fcpMs =
    (await until('first paint', () => page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null), 1_500, 50).catch(() => null)) ?? seen;
  const responseEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  return { fcpMs, responseEndToFcpMs: fcpMs - responseEnd };
}

/** Figure 6 (Firefox): first contentful paint of the popup page opened as a tab. */
export async function measurePopupPaint(bench: FirefoxBench, runs: number): Promise<PaintSample[]> {
  const samples: PaintSample[] = [];
  for (let i = 0; i < runs; i++) {
    const popup = await bench.session.openExtensionPage(POPUP_PAGE);
    samples.push(await paintSample(popup, '.status'));
    await popup.close();
  }
  await bench.page.bringToFront();
  return samples;
}

/** The popup figure's floor in Firefox: a static extension page opened as a tab. */
export async function measureStaticPaint(bench: FirefoxBench, runs: number): Promise<PaintSample[]> {
  const samples: PaintSample[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await bench.session.openExtensionPage(FLOOR_PAGES.static);
    samples.push(await paintSample(page, 'h1'));
    await page.close();
  }
  await bench.page.bringToFront();
  return samples;
}

/** The break frame's floor in Firefox: a static extension page in a full-viewport iframe over the tab, time origin → first paint. */
export async function measureFrameFloor(bench: FirefoxBench, runs: number, pagePath: string): Promise<number[]> {
  const { page } = bench;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const path = `${pagePath}?run=${i}`;
    await page.evaluate(addFloorFrame, `${FIREFOX_EXTENSION_ORIGIN}/${path}`);
    const frame = await waitForExtensionFrame(page, path, 10_000);
    const seenAt = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const painted = (await until('the floor frame to paint', () => paintedAt(frame), 1_500, 50).catch(() => null)) ?? seenAt;
    samples.push(painted - (await frame.evaluate(() => performance.timeOrigin)));
    await page.evaluate(removeFloorFrame);
    await sleep(500);
  }
  return samples;
}

/**
 * Figure 2 (Firefox): N scaled cycles, each break skipped at once; the event page suspends on its
 * own (`extensions.background.idle.timeout` set low by the caller), so worker-start counts are real.
 */
export async function measureWakeUps(bench: FirefoxBench, cycles: number, clock: DevOverrides): Promise<WakeRun> {
  const { control, session } = bench;
  await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), clock);
  await skip(bench, await breakOverlay(bench, 'the first break', 30_000, 50));
  await sleep(1500);
  const before = await wakes(control);
  const started = Date.now();
  for (let cycle = 0; cycle < cycles; cycle++) {
    // The person is at the screen: input now and then keeps the idle API on "active".
    await session.setIdleTime(0);
    const frame = await breakOverlay(bench, 'the break', 60_000, 50);
    await skip(bench, frame);
  }
  await sleep(1500);
  const elapsedMs = Date.now() - started;
  const counted = since(before, await wakes(control));
  const badge = (await control.evaluate(() => browser.alarms.getAll())).find((a) => a.name === 'unhunch:badge');
  return { cycles, wakes: counted, badgeAlarmPeriodMinutes: badge?.periodInMinutes ?? null, elapsedMs };
}

export interface AwaySpellRun {
  awayMs: number;
  wakes: Wakes;
  idleReportedAfterMs: number;
  /** From the person's return (input again) to the schedule counting them present. */
  returnNoticedAfterMs: number;
}

/**
 * Figure 2, away spell (Firefox: its idle API works headless): the person stops at the screen, the
 * idle report arrives after the detection interval, they stay away `awayMs`, and come back. Counts
 * the wake-ups from the idle report until just before the return (the return itself is user input),
 * and how long the return takes to be noticed. Run it at Firefox's own suspend timeout: what it
 * measures is whether the event page is suspended (and woken again) while nobody is there.
 */
export async function measureAwaySpell(bench: FirefoxBench, awayMs: number, idleDetectionSeconds: number): Promise<AwaySpellRun> {
  const { control, session } = bench;
  // A long cycle, so no break alarm falls into the spell: this measures what being away costs by itself.
  await control.evaluate(() => browser.storage.local.set({ devOverrides: { workSeconds: 3600, naturalBreakSeconds: 10 } }));
  await sleep(1500);
  const leftAt = Date.now();
  await session.setIdleTime(idleDetectionSeconds * 1000 + 1000);
  await until(
    'the idle report',
    async () => {
      const s = await schedule(control);
      return s.awaySince !== null ? s : null;
    },
    idleDetectionSeconds * 1000 + 90_000,
    250,
  );
  const idleReportedAfterMs = Date.now() - leftAt;
  // The report above already woke the page once; it is counted by hand below (once its own
  // counter write has landed, so it is not counted twice).
  await sleep(300);
  const before = await wakes(control);
  await sleep(awayMs);
  const during = since(before, await wakes(control));
  const backAt = Date.now();
  await session.setIdleTime(0);
  await until('the return to be noticed', async () => (await schedule(control)).awaySince === null, 30_000, 20);
  return { awayMs, wakes: { ...during, idle: (during.idle ?? 0) + 1 }, idleReportedAfterMs, returnNoticedAfterMs: Date.now() - backAt };
}

/** A suspended event page woken by an event has begun within this. */
const WAKE_SETTLE_MS = 250;

/**
 * Figure 7 (Firefox): with no break due and the event page suspended, the browsing events that
 * start it again (`backgroundState` is no longer "stopped"); each one that did is suspended again.
 */
export async function measureBrowsingWakes(bench: FirefoxBench, counts: BrowsingCounts): Promise<Record<keyof BrowsingCounts, BrowsingWakes>> {
  const { session, page, control, serverUrl } = bench;
  await setDevOverrides(bench, { workSeconds: 3600 });
  await sleep(500);
  const count = async (events: number, act: (i: number) => Promise<unknown>): Promise<BrowsingWakes> => {
    let wakes = 0;
    await session.setIdleTime(0);
    await session.suspendBackground();
    for (let i = 0; i < events; i++) {
      // The person is at the screen all along (a lapse into "idle" would be a wake of its own).
      if (i % 20 === 19) await session.setIdleTime(0);
      await act(i);
      await sleep(WAKE_SETTLE_MS);
      if ((await session.backgroundState()) !== 'stopped') {
        wakes += 1;
        // One event (a page load) may be several browser events in a row: suspend until it stays suspended.
        for (let attempt = 0; attempt < 10 && (await session.backgroundState()) !== 'stopped'; attempt++) {
          await session.suspendBackground().catch(() => undefined);
          await sleep(WAKE_SETTLE_MS);
        }
      }
    }
    return { events, wakes };
  };
  const pageLoads = await count(counts.pageLoads, (i) => page.goto(`${serverUrl}${LOAD_PATHS[i % LOAD_PATHS.length]}?${i}`));
  const titleChanges = await count(counts.titleChanges, (i) => page.evaluate((n) => (document.title = `(${n}) Inbox`), i));
  const newTabs = await count(counts.newTabs, async () => {
    const tab = await session.newPage(`${serverUrl}/`);
    await tab.close();
  });
  // A second browser window; the control page (an extension page, not an event) moves the focus.
  type WindowsApi = { windows: { create(o: object): Promise<{ id: number }>; getLastFocused(): Promise<{ id: number }>; update(id: number, o: object): Promise<unknown>; remove(id: number): Promise<void> } };
  const windows = await control.evaluate(async (url) => {
    const api = (globalThis as unknown as { browser: WindowsApi }).browser.windows;
    const first = await api.getLastFocused();
    const second = await api.create({ url, focused: true });
    return [first.id, second.id];
  }, `${serverUrl}/`);
  const windowSwitches = await count(counts.windowSwitches, (i) =>
    control.evaluate((id) => (globalThis as unknown as { browser: WindowsApi }).browser.windows.update(id, { focused: true }), windows[i % 2]!),
  );
  await control.evaluate((id) => (globalThis as unknown as { browser: WindowsApi }).browser.windows.remove(id), windows[1]!);
  await page.bringToFront();
  return { pageLoads, titleChanges, newTabs, windowSwitches };
}

/**
 * Figure 7 (Firefox): CPU over `seconds` beside a tab whose title ticks once a second, in two
 * Firefoxes side by side over the same seconds: one with the add-on (its event page suspended first,
 * no extension page open), one without. The extension process is the one Firefox itself reports as
 * "extension" (ChromeUtils.requestProcInfo); Firefox's built-in add-ons run there too, so the one of
 * the Firefox without ours is measured as well.
 */
export async function measureTickingTitleCpu(extensionDir: string, serverUrl: string, seconds: number): Promise<TickingTitleCpu> {
  process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const withAddOn = await launchFirefox({ extensionDir });
  const without: Browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxBin(), headless: true, timeout: 120_000, args: ['--remote-allow-system-access'] });
  try {
    const tabs = [await withAddOn.newPage(`${serverUrl}${TICKING_TITLE_PATH}`), await without.newPage()];
    await tabs[1]!.goto(`${serverUrl}${TICKING_TITLE_PATH}`);
    for (const browser of [withAddOn.browser, without]) for (const p of await browser.pages()) if (!tabs.includes(p)) await p.close();
    await withAddOn.setIdleTime(0);
    await withAddOn.suspendBackground();
    await sleep(1_000);
    const withRoot = withAddOn.browser.process()?.pid;
    const withoutRoot = without.process()?.pid;
    if (withRoot === undefined || withoutRoot === undefined) throw new Error('no Firefox process to measure');
    const extensionPids = (chromeEval: <T>(expression: string) => Promise<T>) =>
      chromeEval<number[]>('ChromeUtils.requestProcInfo().then((info) => info.children.filter((c) => c.type === "extension").map((c) => c.pid))');
    const measure = async () => ({
      extension: cpuSnapshot(await extensionPids(withAddOn.chromeEval)),
      extensionWithout: cpuSnapshot(await extensionPids(chromeEvalIn(without))),
      with: cpuSnapshot(processTree(withRoot)),
      without: cpuSnapshot(processTree(withoutRoot)),
    });
    const before = await measure();
    // The person works beside the ticking tab: keep them "active", as input would.
    for (let waited = 0; waited < seconds; waited += 20) {
      await sleep(Math.min(20, seconds - waited) * 1000);
      await withAddOn.setIdleTime(0);
    }
    const after = await measure();
    return {
      seconds,
      extensionProcessMs: cpuMsBetween(before.extension, after.extension),
      extensionProcessWithoutMs: cpuMsBetween(before.extensionWithout, after.extensionWithout),
      browserWithMs: cpuMsBetween(before.with, after.with),
      browserWithoutMs: cpuMsBetween(before.without, after.without),
    };
  } finally {
    await withAddOn.close();
    await without.close().catch(() => {});
  }
}

/** Figure 4 (Firefox): alarm → break painted, event page running (warm) or suspended (cold) when the alarm fires. */
export async function measureBreakPaint(bench: FirefoxBench, perMode: number, workSeconds: number): Promise<BreakPaintSample[]> {
  const { control, session } = bench;
  await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), { workSeconds } satisfies DevOverrides);
  await skip(bench, await breakOverlay(bench, 'the first break', 30_000, 50));
  const samples: BreakPaintSample[] = [];
  let fcpMissing = 0;
  for (let i = 0; i < perMode * 2; i++) {
    const worker = i % 2 === 0 ? 'warm' : 'cold';
    await session.setIdleTime(0);
    const s = await until('the next alarm to be armed', async () => {
      const x = await schedule(control);
      return x.mode.kind === 'working' && x.alarmAt !== null ? x : null;
    });
    const alarmAt = s.alarmAt!;
    if (worker === 'cold') await session.suspendBackground();
    const suspendedInTime = worker === 'warm' || (Date.now() < alarmAt - 100 && (await session.backgroundState()) !== 'running');
    if (worker === 'warm' && (await session.backgroundState()) !== 'running') {
      // Make sure the page is up for a warm sample.
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:get' }).catch(() => null));
    }
    const frame = await breakOverlay(bench, 'the break overlay', 30_000, 10, 50);
    await frame.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Start')), { timeout: 15_000 });
    const seenAt = await frame.evaluate(() => performance.timeOrigin + performance.now());
    // Without paint timing, the moment the Start button was seen is an upper bound of the paint.
    const painted = (await until('the break frame to paint', () => paintedAt(frame), 1_500, 50).catch(() => null)) ?? seenAt;
    if (painted === seenAt) fcpMissing += 1;
    const due = await schedule(control);
    const dueSince = due.mode.dueSince ?? Number.NaN;
    const { origin, scriptsRan } = await frame.evaluate(() => ({
      origin: performance.timeOrigin,
      scriptsRan: performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }));
    if (suspendedInTime) {
      samples.push(breakPaintSample(worker, { alarm: alarmAt, handled: dueSince, frameStart: origin, scriptsRan, painted }));
    }
    await skip(bench, frame);
  }
  if (fcpMissing > 0) console.warn(`bench: Firefox gave no first-contentful-paint for ${fcpMissing} break frames; used the time the Start button was seen`);
  return samples;
}
