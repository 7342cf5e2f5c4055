// What every break surface (overlay, window, notification) offers present.ts, and what they share: where the user is, what the break page is told at once.

import type { Windows } from 'webextension-polyfill';
import { hintQuery, promptView } from '../../core/contracts/break-view';
import { showsInBrowser, type AskedFrom, type Presentation, type SurfaceKind } from '../../core/rules/presentation';
import { browser } from '../../platform/browser';
import type { Snapshot } from '../storage';

/**
 * Where the user is: in another program, or in a browser window (with its active tab if it has
 * tabs; no window at all when they asked for a break from a browser that has none left).
 */
export type Whereabouts = { kind: 'away'; anchor: Windows.Window | null } | { kind: 'browser'; window: Windows.Window | null; tabId: number | null };

/** What a surface still showing a break (maybe an earlier one) should do now that the break is shown again. */
export type Verdict = 'keep' | 'replace' | 'look-again';

/** One kind of break surface; present.ts tries them in order, and each knows only itself. */
export interface BreakSurface {
  kind: SurfaceKind;
  /**
   * Shows `breakId` here if this surface can serve where the user is: the presentation to record,
   * or null for the next surface. A break page shown here gets `token` in its URL.
   */
  show(breakId: number, where: Whereabouts, snapshot: Snapshot, token: string): Promise<Presentation | null>;
  /**
   * `current` shows a break here: keep it (now showing `breakId`), replace it with the first surface
   * that can show it, or look again in a moment (its tab is closing or navigating).
   */
  keeps(current: Presentation, breakId: number, where: Whereabouts, snapshot: Snapshot): Promise<Verdict>;
  takeDown(current: Presentation): Promise<void>;
  /** Whether what holds it (the tab, the window) is still there. */
  exists(current: Presentation): Promise<boolean>;
}

/** The browser window the user was last in; null when there is none (or the browser can't say). */
export function lastFocusedWindow(): Promise<Windows.Window | null> {
  return browser.windows.getLastFocused().catch(() => null);
}

/** Where the user is; `askedFrom`: where they asked for the break, which is where it shows (core/rules/presentation.ts). */
export async function findUser(askedFrom: AskedFrom | null = null): Promise<Whereabouts> {
  const window = (await windowAskedFrom(askedFrom)) ?? (await lastFocusedWindow());
  if (!showsInBrowser(window, askedFrom)) return { kind: 'away', anchor: window };
  if (!window || window.id === undefined) return { kind: 'browser', window: null, tabId: null };
  if (window.type !== undefined && window.type !== 'normal') return { kind: 'browser', window, tabId: null };
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id }).catch(() => []);
  return { kind: 'browser', window, tabId: tab?.id ?? null };
}

/** The window a request named, if it still exists. */
async function windowAskedFrom(askedFrom: AskedFrom | null): Promise<Windows.Window | null> {
  if (askedFrom?.kind !== 'window' || askedFrom.windowId === null) return null;
  return browser.windows.get(askedFrom.windowId).catch(() => null);
}

/**
 * The break page's URL query after `surface=…`: the token that lets it drive the break, and what it
 * can paint before it hears from us (the prompt as this snapshot has it, the preferences it shows with).
 */
export function breakPageQuery({ state, timing, settings }: Snapshot, token: string | undefined): string {
  const prompt = promptView(state, timing);
  const { sound, voice, theme } = settings;
  const hint = prompt ? hintQuery({ prompt, preferences: { sound, voice, theme } }) : '';
  return [token ? `token=${token}` : '', hint].filter(Boolean).join('&');
}

/** 128 random bits for a surface's break page (core/rules/presentation.ts: `isShownBy`). */
export function newSurfaceToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
