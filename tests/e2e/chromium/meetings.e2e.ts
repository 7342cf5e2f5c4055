// "Recognise web meetings" in real Chromium: with the meeting sites granted and the switch on, a Google Meet room
// that plays sound holds the due break, and it shows a settle time after the room is left; a silent page of the same
// host that is no room does not hold it. meet.google.com is this test's own HTTPS server (Chromium's host resolver
// maps it to 127.0.0.1, with a throwaway self-signed certificate made here by openssl).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MEETING_MATCHES } from '../../../src/core/rules/meetings';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor, type DevOverrides, type Schedule } from '../support/extension';
import { OPTIONS_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const SETTLE_S = 2;
const CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 4, callSettleSeconds: SETTLE_S };
const SLOW_CLOCK: DevOverrides = { workSeconds: 3_600, callSettleSeconds: SETTLE_S };
const ROOM = 'https://meet.google.com/abc-defg-hij';
const LANDING = 'https://meet.google.com/landing';

/** A meeting, as far as the browser can tell: a tone from WebAudio once "Join" is clicked (the tab turns audible). */
const MEETING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meet</title></head>
<body><button id="join">Join</button><script>
document.getElementById('join').onclick = () => {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.2;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  window.call = audio;
};
</script></body></html>`;

declare const chrome: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: object): Promise<Array<{ url?: string; audible?: boolean }>> };
};

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** An HTTPS server for meet.google.com with a certificate made now, valid for a day. */
async function startMeetingServer(): Promise<{ server: Server; port: number; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-meet-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=meet.google.com', '-days', '1', '-keyout', key, '-out', cert], {
    stdio: 'ignore',
  });
  const server = createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(MEETING_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, dir };
}

describeWithBrowser('Chromium: a web meeting holds the due break', chromiumAvailable() && hasOpenssl(), () => {
  let session: ChromiumSession;
  let meetings: Awaited<ReturnType<typeof startMeetingServer>>;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await chrome.storage.local.get('schedule')).schedule as Schedule);
  const presentation = async () => control.evaluate(async () => (await chrome.storage.local.get('presentation')).presentation as object | undefined);
  const setClock = (o: DevOverrides) => control.evaluate((v) => chrome.storage.local.set({ devOverrides: v }), o);
  const meetingTabs = () => control.evaluate(() => chrome.tabs.query({ url: 'https://meet.google.com/*' }));

  /** A fresh cycle on the slow clock, no break pending or on screen. */
  async function freshCycle(): Promise<void> {
    await setClock(SLOW_CLOCK);
    const st = await schedule();
    if (st.mode.kind === 'due') await control.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'break:now' } as never);
    const due = await schedule();
    if (due.mode.kind === 'due') await answerBreak(session, { type: 'break:skip', breakId: due.mode.breakId });
    await waitFor('a fresh cycle', async () => (await schedule()).mode.kind === 'working' && (await presentation()) === undefined);
  }

  beforeAll(async () => {
    meetings = await startMeetingServer();
    session = await launchChromium({
      extensionDir: CHROME_DIST,
      grantOrigins: [...MEETING_MATCHES],
      // Headed (a private Xvfb): headless, Playwright passes --mute-audio and no tab ever turns audible.
      headless: false,
      args: [`--host-resolver-rules=MAP meet.google.com 127.0.0.1:${meetings.port}`, '--ignore-certificate-errors', '--autoplay-policy=no-user-gesture-required'],
    });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(OPTIONS_PAGE);
    await setClock(SLOW_CLOCK);
    // The switch, as a person turns it on: the sites are granted already, so the browser answers without a prompt.
    const meetingsSwitch = control.getByRole('switch', { name: 'Recognise web meetings' });
    await meetingsSwitch.scrollIntoViewIfNeeded();
    await control.getByText('Unhunch reads just their tabs').waitFor();
    await meetingsSwitch.click();
    await waitFor('the switch on', () => meetingsSwitch.isChecked());
    await control.screenshot({ path: `${SCREENSHOTS_DIR}/chromium-options-meetings.png` });
    expect((await control.evaluate(() => chrome.storage.local.get('recogniseMeetings'))).recogniseMeetings).toBe(true);
  });

  afterAll(async () => {
    await session?.close();
    meetings?.server.close();
    if (meetings) fs.rmSync(meetings.dir, { recursive: true, force: true });
  });

  it('a silent page of the meeting host that is no room does not hold the due break', async () => {
    await freshCycle();
    const landing = await session.context.newPage();
    await landing.goto(LANDING);
    await landing.getByRole('button', { name: 'Join' }).waitFor();
    expect(await meetingTabs()).toMatchObject([{ url: LANDING, audible: false }]);
    await setClock(CLOCK);
    await waitFor('the due break on screen', async () => (await presentation()) !== undefined, 20_000);
    const st = await schedule();
    expect(st.mode).toMatchObject({ kind: 'due', heldSince: null });
    await setClock(SLOW_CLOCK);
    if (st.mode.kind === 'due') await answerBreak(session, { type: 'break:skip', breakId: st.mode.breakId });
    await waitFor('the cycle to restart', async () => (await schedule()).mode.kind === 'working');
    await landing.close();
  });

  it('a page of the meeting host that is no room holds the due break while it plays sound', async () => {
    await freshCycle();
    const landing = await session.context.newPage();
    await landing.goto(LANDING);
    await landing.getByRole('button', { name: 'Join' }).click();
    await waitFor('the page audible', async () => (await meetingTabs()).some((tab) => tab.url === LANDING && tab.audible));
    await setClock(CLOCK);
    const held = await waitFor('the due break, held', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.heldSince !== null ? st.mode : null;
    }, 20_000);
    expect(await presentation()).toBeUndefined();
    await landing.close();
    await waitFor('the held break on screen', async () => (await presentation()) !== undefined, 20_000);
    await setClock(SLOW_CLOCK);
    await answerBreak(session, { type: 'break:skip', breakId: held.breakId });
    await waitFor('the cycle to restart', async () => (await schedule()).mode.kind === 'working' && (await presentation()) === undefined);
  });

  it('a meeting room playing sound holds the due break; leaving it shows the break a settle time later', async () => {
    await freshCycle();
    const room = await session.context.newPage();
    await room.goto(ROOM);
    await room.getByRole('button', { name: 'Join' }).click();
    await waitFor('the room tab audible', async () => (await meetingTabs()).some((tab) => tab.url === ROOM && tab.audible));
    await setClock(CLOCK);
    const held = await waitFor(
      'the due break, held',
      async () => {
        const st = await schedule();
        return st.mode.kind === 'due' && st.mode.heldSince !== null ? st.mode : null;
      },
      20_000,
    );
    // Held: nothing on screen while the meeting goes on (the background looks again every settle time).
    expect(await presentation()).toBeUndefined();
    await new Promise((r) => setTimeout(r, (SETTLE_S * 2 + 1) * 1000));
    expect(await presentation()).toBeUndefined();
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: held.heldSince });

    await room.close();
    await waitFor('the held break on screen', async () => (await presentation()) !== undefined, 20_000);
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: null });
    await setClock(SLOW_CLOCK);
    await answerBreak(session, { type: 'break:skip', breakId: held.breakId });
    await waitFor('the cycle to restart', async () => (await schedule()).mode.kind === 'working' && (await presentation()) === undefined);
  });

  it('the popup offers it under "I\'m in a call" while it is off, and turns it on from the click', async () => {
    await control.evaluate(() => chrome.storage.local.set({ recogniseMeetings: false }));
    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.getByRole('button', { name: "I'm in a call" }).click();
    await popup.getByText('Teams and other web meetings').waitFor();
    await popup.screenshot({ path: `${SCREENSHOTS_DIR}/chromium-popup-recognise-meetings.png` });
    await popup.getByRole('button', { name: 'Recognise web meetings' }).click();
    await waitFor('the opt-in stored', async () => (await control.evaluate(() => chrome.storage.local.get('recogniseMeetings'))).recogniseMeetings === true);
    await popup.getByRole('button', { name: 'Recognise web meetings' }).waitFor({ state: 'detached' });
    await popup.close();
  });
});
