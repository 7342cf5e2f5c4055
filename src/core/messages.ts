// The messages between the extension's pages and its background: their types and their validation.

import { readHistory, type DayTally, type History } from './history';
import type { ImportResult } from './history-io';
import type { BreakOutcome } from './schedule';
import { isBreakId, isPlainObject } from './fields';

/** What a page may ask of the background. */
export type Request =
  | { type: 'break:get' }
  | { type: 'break:start'; breakId: number }
  | { type: 'break:snooze'; breakId: number }
  | { type: 'break:skip'; breakId: number }
  | { type: 'break:complete'; breakId: number }
  | { type: 'break:now' }
  /** `minutes` null: until resumed; 'tomorrow': until the next working-hours start. */
  | { type: 'pause'; minutes: number | null | 'tomorrow' }
  | { type: 'resume' }
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
    return isBreakId(m.breakId) && only('type', 'breakId') ? ({ type: m.type, breakId: m.breakId } as Request) : null;
  }
  switch (m.type) {
    case 'history:import': {
      // The page did the full check with messages for the user; this one only keeps bad data out.
      if (!only('type', 'days') || !isPlainObject(m.days)) return null;
      const days = readHistory(m.days);
      return Object.keys(days).length === Object.keys(m.days).length ? { type: 'history:import', days } : null;
    }
    case 'break:get':
    case 'break:now':
    case 'resume':
    case 'history:clear':
      return only('type') ? ({ type: m.type } as Request) : null;
    case 'pause':
      if (!only('type', 'minutes')) return null;
      if (m.minutes === null || m.minutes === 'tomorrow') return { type: 'pause', minutes: m.minutes };
      return typeof m.minutes === 'number' && Number.isInteger(m.minutes) && m.minutes > 0 && m.minutes <= MAX_PAUSE_MINUTES
        ? { type: 'pause', minutes: m.minutes }
        : null;
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
export type SurfaceMessage = { type: 'surface:showing'; breakId: number };
/** The background tells a page that its surface is no longer the break's (the break moved elsewhere). */
export type SurfaceCommand = { type: 'surface:leave' };

/** Below both browsers' 30-second idle timeout, with room for a busy machine. */
export const SURFACE_HEARTBEAT_MS = 20_000;

/** The break a `surface:showing` message names, or null for anything else. */
export function surfaceShowing(raw: unknown): number | null {
  return isPlainObject(raw) && raw.type === 'surface:showing' && isBreakId(raw.breakId) ? raw.breakId : null;
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
 * Only the extension's own pages (toolbar popup, break page — also when framed in the
 * overlay) may drive the scheduler. Content scripts and anything else are ignored.
 */
export function isOwnExtensionPage(sender: SenderFacts, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  return sender.url.startsWith(`${extensionOrigin}/`);
}
