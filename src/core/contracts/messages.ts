// The messages between the extension's pages and its background: their types and their validation.

import { isPossibleDay, readHistory, type DayTally, type History } from '../rules/history';
import type { ImportResult } from '../rules/history-io';
import type { BreakOutcome } from '../rules/schedule';
import { BREAK_PAGE, OPTIONS_PAGE, POPUP_PAGE } from './extension-paths';
import { isBreakId, isCount, isPlainObject } from '../rules/fields';
import { isManualCallMinutes, type ManualCallMinutes } from '../rules/call';

/**
 * The token the background put in the break page's URL when it showed the break there: a request
 * that names it, from the tab or window the background showed the break in, comes from that
 * surface (not from a copy of the page a web page framed). See `isShownBy` in presentation.ts.
 */
type FromSurface = { token: string };

/** What a page may ask of the background. */
export type Request =
  | ({ type: 'break:get' } & FromSurface)
  | ({ type: 'break:start'; breakId: number } & FromSurface)
  | ({ type: 'break:snooze'; breakId: number } & FromSurface)
  | ({ type: 'break:skip'; breakId: number } & FromSurface)
  | ({ type: 'break:complete'; breakId: number } & FromSurface)
  /** `windowId`: the browser window the popup belongs to, where the break then shows (see `showsInBrowser`). */
  | { type: 'break:now'; windowId?: number }
  /** `minutes` null: until resumed; 'tomorrow': until the next working-hours start. */
  | { type: 'pause'; minutes: number | null | 'tomorrow' }
  | { type: 'resume' }
  /** "I'm in a call" for `minutes` (null: until ended), or 'end': the call is over. Breaks are held meanwhile. */
  | { type: 'call'; minutes: ManualCallMinutes | 'end' }
  /**
   * Days of an import file the page has checked (history-io.ts). They are merged in the
   * background's queue, so no history write can slip in between read and write.
   */
  | { type: 'history:import'; days: History }
  | { type: 'history:clear' };

/** Sent by the background to every extension page. */
export type Broadcast = { type: 'break:resolved'; breakId: number; outcome: BreakOutcome };

/** What the break page needs to show the pending break. */
export interface BreakView {
  breakId: number;
  started: boolean;
  canSnooze: boolean;
  canSkip: boolean;
  snoozesInRow: number;
  snoozeMinutes: number;
  /** The real length of the break, which the test-only clock may shorten. */
  breakMs: number;
  /** The routine's step lengths are in seconds at the configured break length. */
  routineId: string;
  routineBreakSeconds: number;
  /** Which of the routine's breaks this is (`buildRoutine`'s `round`): moved on only by breaks completed. */
  routineRound: number;
  /** Exercises the user turned off; the routine rebalances without them. */
  disabledExercises: string[];
  today: DayTally;
}

export type Response<R extends Request> = R extends { type: 'break:get' }
  ? BreakView | null
  : R extends { type: 'break:complete' }
    ? { ok: boolean; today: DayTally }
    : R extends { type: 'history:import' }
      ? ImportResult
      : { ok: boolean };

const BREAK_ACTIONS = new Set(['break:start', 'break:snooze', 'break:skip', 'break:complete']);

/** Each of our pages may ask only what it has a button for; the welcome page asks nothing. */
export const REQUESTS_BY_PAGE: Readonly<Record<string, ReadonlySet<Request['type']>>> = {
  [BREAK_PAGE]: new Set(['break:get', 'break:start', 'break:snooze', 'break:skip', 'break:complete']),
  [POPUP_PAGE]: new Set(['break:now', 'pause', 'resume', 'call']),
  [OPTIONS_PAGE]: new Set(['history:import', 'history:clear']),
};

/** A surface token: 128 random bits, in hex (`newSurfaceToken` in the background). */
export function isSurfaceToken(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
}
const MAX_PAUSE_MINUTES = 7 * 24 * 60;

export { isBreakId };

/** Returns the request if `raw` is exactly a well-formed one, otherwise null. */
export function parseRequest(raw: unknown): Request | null {
  if (!isPlainObject(raw)) return null;
  const m = raw;
  const keys = Object.keys(m);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  if (typeof m.type !== 'string') return null;
  if (BREAK_ACTIONS.has(m.type)) {
    return isBreakId(m.breakId) && isSurfaceToken(m.token) && only('type', 'breakId', 'token') ? ({ type: m.type, breakId: m.breakId, token: m.token } as Request) : null;
  }
  switch (m.type) {
    case 'history:import': {
      // The page did the full check with messages for the user; this one only keeps bad data out.
      if (!only('type', 'days') || !isPlainObject(m.days)) return null;
      const days = readHistory(m.days);
      const intact = Object.keys(days).length === Object.keys(m.days).length && Object.values(days).every(isPossibleDay);
      return intact ? { type: 'history:import', days } : null;
    }
    case 'break:get':
      return isSurfaceToken(m.token) && only('type', 'token') ? { type: 'break:get', token: m.token } : null;
    case 'break:now':
      if (!only('type', 'windowId') || (m.windowId !== undefined && !isCount(m.windowId))) return null;
      return m.windowId === undefined ? { type: 'break:now' } : { type: 'break:now', windowId: m.windowId };
    case 'resume':
    case 'history:clear':
      return only('type') ? ({ type: m.type } as Request) : null;
    case 'pause':
      if (!only('type', 'minutes')) return null;
      if (m.minutes === null || m.minutes === 'tomorrow') return { type: 'pause', minutes: m.minutes };
      return typeof m.minutes === 'number' && Number.isInteger(m.minutes) && m.minutes > 0 && m.minutes <= MAX_PAUSE_MINUTES
        ? { type: 'pause', minutes: m.minutes }
        : null;
    case 'call':
      return only('type', 'minutes') && (m.minutes === 'end' || isManualCallMinutes(m.minutes)) ? { type: 'call', minutes: m.minutes } : null;
    default:
      return null;
  }
}

export function parseBroadcast(raw: unknown): Broadcast | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type !== 'break:resolved' || !isBreakId(m.breakId)) return null;
  if (m.outcome !== 'completed' && m.outcome !== 'snoozed' && m.outcome !== 'skipped' && m.outcome !== 'natural') return null;
  return { type: 'break:resolved', breakId: m.breakId, outcome: m.outcome };
}

/**
 * A break page holds a port of this name for as long as it shows a pending break. Its going (a
 * closed tab or window, a navigation, a reload, an overlay the page removed) is how the
 * background learns that the surface is gone, so no tab or window listener has to run all day.
 */
export const SURFACE_PORT = 'unhunch:break-surface';

/**
 * Sent over the port when it opens and then every `SURFACE_HEARTBEAT_MS`: which break the page
 * shows. A message on a port resets the browsers' idle timers (Chrome 114+, Firefox), so the
 * background stays up while a break is on screen instead of restarting every 30 seconds.
 */
export type SurfaceMessage = { type: 'surface:showing'; breakId: number; token: string };
/** The background tells a page that its surface is no longer the break's (the break moved elsewhere). */
export type SurfaceCommand = { type: 'surface:leave' };

/** Below both browsers' 30-second idle timeout, with room for a busy machine. */
export const SURFACE_HEARTBEAT_MS = 20_000;

/** What a `surface:showing` message says, or null for anything else. */
export function surfaceShowing(raw: unknown): { breakId: number; token: string } | null {
  return isPlainObject(raw) && raw.type === 'surface:showing' && isBreakId(raw.breakId) && isSurfaceToken(raw.token) ? { breakId: raw.breakId, token: raw.token } : null;
}

export function isSurfaceLeave(raw: unknown): raw is SurfaceCommand {
  return isPlainObject(raw) && raw.type === 'surface:leave';
}

export interface SenderFacts {
  /** Extension id the browser attributes the message to. */
  id?: string;
  /** URL of the frame that sent it. */
  url?: string;
}

/**
 * Which of the extension's own pages sent this (its path, e.g. BREAK_PAGE), or null for anything
 * else: content scripts, web pages, other extensions. `extensionOrigin` is the static one
 * (`runtime.getURL('')`), which is what senders carry even where a page is reached by a dynamic URL.
 */
export function ownPageOf(sender: SenderFacts, extensionId: string, extensionOrigin: string): string | null {
  if (sender.id !== extensionId || typeof sender.url !== 'string' || !sender.url.startsWith(`${extensionOrigin}/`)) return null;
  return sender.url.slice(extensionOrigin.length + 1).split(/[?#]/)[0]!;
}
