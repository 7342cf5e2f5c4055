// Shared by the end-to-end tests: where the builds are, whether a browser may be skipped, polling.
import fs from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import { localDayKey } from '../../../src/core/rules/history';

const OUT_DIR = path.resolve(process.env.UNHUNCH_OUT_DIR ?? 'dist');
export const CHROME_DIST = path.join(OUT_DIR, 'chrome');
export const FIREFOX_DIST = path.join(OUT_DIR, 'firefox');
export const SCREENSHOTS_DIR = path.resolve('test-results/screenshots');

/**
 * `describe` when the browser is installed. Without it, CI fails (a green run must mean the
 * browser was tested); a developer's machine skips with a loud message instead.
 */
export function describeWithBrowser(name: string, available: boolean, body: () => void): void {
  if (available) {
    describe(name, body);
    return;
  }
  if (process.env.CI) throw new Error(`${name}: the browser is not installed, and CI must test it (see .ci/run).`);
  console.warn(`\n!!! SKIPPING ${name}: the browser is not installed (apt-get install -y chromium firefox-esr) !!!\n`);
  describe.skip(name, body);
}

/** What a page asked of speech synthesis since `recordSpeech` ran in it. */
export interface SpeechRecord {
  /** Whether the page could speak at all. */
  hasSpeech: boolean;
  /** Voices on this computer (not network voices) the page could list. */
  localVoices: number;
  /** For each utterance handed to the engine: whether the voice set on it is a local one. */
  spokenWithLocalVoice: boolean[];
}

/**
 * Evaluated in a break page: records each utterance passed to `speechSynthesis.speak` (and passes
 * it on) into `window.speechRecord`. Spoken cues may use local voices only: a network voice sends
 * the text to a server, and so may the engine's default voice when the page names none.
 */
export function recordSpeech(): void {
  const record: SpeechRecord = { hasSpeech: typeof speechSynthesis !== 'undefined', localVoices: 0, spokenWithLocalVoice: [] };
  (window as unknown as { speechRecord: SpeechRecord }).speechRecord = record;
  if (!record.hasSpeech) return;
  const speak = speechSynthesis.speak.bind(speechSynthesis);
  speechSynthesis.speak = (utterance) => {
    record.localVoices = speechSynthesis.getVoices().filter((voice) => voice.localService).length;
    record.spokenWithLocalVoice.push(utterance.voice?.localService === true);
    speak(utterance);
  };
}

/** Evaluated in a break page after `recordSpeech`. */
export function speechRecorded(): SpeechRecord {
  const record = (window as unknown as { speechRecord: SpeechRecord }).speechRecord;
  if (typeof speechSynthesis !== 'undefined') record.localVoices = speechSynthesis.getVoices().filter((voice) => voice.localService).length;
  return record;
}

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Whether Debian's `faketime` is installed, for tests of a clock set wrong (CI installs it). */
export function faketimeAvailable(): boolean {
  return fs.existsSync(LIBFAKETIME);
}

/**
 * Environment for a browser whose every clock (wall and monotonic, in every process, the
 * background too) runs `days` ahead of the machine's: what a clock set years wrong looks like.
 * (Faking only the wall clock, FAKETIME_DONT_FAKE_MONOTONIC, makes Chromium start 20 × slower.)
 */
export function clockAheadEnv(days: number): Record<string, string> {
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `+${days}d` };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** The test-only clock: seconds instead of minutes (honoured for unpacked / temporary installs only). */
export type { DevOverrides } from '../../../src/core/rules/timing';

/** What the background stores: the tests read it with the core's own types. */
export type { ScheduleState as Schedule } from '../../../src/core/rules/schedule';
export type { DayTally as Tally } from '../../../src/core/rules/history';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Today's key in the stored history, by the core's own rule (the browsers run in this machine's time zone). */
export const todayKey = (): string => localDayKey(Date.now());

/** What a break page's buttons send: the request type and the break, with the page's own token from its URL. */
export type BreakAction = { type: 'break:start' | 'break:snooze' | 'break:skip' | 'break:complete'; breakId: number };

/**
 * Evaluated inside a break page (the overlay's frame or the break window): sends `action` as its
 * buttons do, naming the token the background put in its URL, and returns at once (the answer may
 * take the page down with it). Only the page showing the break may drive it, so tests answer a
 * break there, not from a control page; they then wait for what the action does. A page the break
 * has just left (an overlay frame that is being taken down as the break moves to its window) still
 * has a token, but not the stored presentation's: the background would refuse it, so it sends nothing.
 */
export async function sendFromBreakPage(action: BreakAction): Promise<boolean> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> }; storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
  const api = globalThis as unknown as { browser?: Api; chrome?: Api };
  const extension = api.browser ?? api.chrome;
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  // The page of another break (say, one still showing Done) would be refused: not this one.
  const shown = (JSON.parse(params.get('prompt') ?? 'null') as { prompt?: { breakId?: number } } | null)?.prompt?.breakId;
  if (!extension?.runtime || !token || (shown !== undefined && shown !== action.breakId)) return false;
  const { presentation } = (await extension.storage.local.get('presentation')) as { presentation?: { token?: string } };
  if (presentation?.token !== token) return false;
  void extension.runtime.sendMessage({ ...action, token }).catch(() => undefined);
  return true;
}

/**
 * Evaluated inside one of the extension's pages (either browser): today's tally in the stored
 * history, by the local day, as the product keys it; {} when nothing is recorded yet.
 */
export async function todaysTallyInPage(): Promise<Record<string, number>> {
  const api = globalThis as unknown as { browser?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } }; chrome?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
  const storage = (api.browser ?? api.chrome)!.storage;
  const { history } = (await storage.local.get('history')) as { history?: Record<string, Record<string, number>> };
  const d = new Date();
  const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return history?.[key] ?? {};
}
