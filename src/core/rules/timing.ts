// The durations the scheduler runs on: the user's settings, sped up by the test-only clock.

import type { Settings, WorkingHours } from './settings-schema';
import { isCount, isFiniteNumber, isPlainObject, isWholeNumberIn } from './fields';
import { CALL_SETTLE_MS } from './call';

/** Every duration the scheduler needs, in milliseconds. */
export interface Timing {
  workMs: number;
  breakMs: number;
  snoozeMs: number;
  naturalBreakMs: number;
  headsUpMs: number;
  idleDetectionMs: number;
  maxSnoozesInRow: number;
  strict: boolean;
  /** Null when there is no schedule: every hour counts. */
  workingHours: WorkingHours | null;
  /** How long after it fell due a break may be held for a call (0: never held). */
  callHoldMs: number;
  /** How long a call must be gone before a held break shows; also how often a held break looks again. */
  callSettleMs: number;
}

/**
 * `storage.local.devOverrides`: a faster clock for tests and demos. Honoured only for
 * development installs (unpacked / temporary), never for a store install.
 */
export interface DevOverrides {
  workSeconds?: number;
  breakSeconds?: number;
  snoozeSeconds?: number;
  naturalBreakSeconds?: number;
  headsUpSeconds?: number;
  /** The "about a minute" a held break waits after the call ends, and how often a held break looks again (CALL_SETTLE_MS). */
  callSettleSeconds?: number;
}

const DEV_OVERRIDE_KEYS = ['workSeconds', 'breakSeconds', 'snoozeSeconds', 'naturalBreakSeconds', 'headsUpSeconds', 'callSettleSeconds'] as const;

/** Accepts only positive finite numbers of seconds (at most a day); anything else is dropped. */
export function readDevOverrides(stored: unknown): DevOverrides | null {
  if (!isPlainObject(stored)) return null;
  const overrides: DevOverrides = {};
  for (const key of DEV_OVERRIDE_KEYS) {
    const value = stored[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 86_400) {
      overrides[key] = value;
    }
  }
  return Object.keys(overrides).length > 0 ? overrides : null;
}

const DURATION_KEYS = ['workMs', 'breakMs', 'snoozeMs', 'naturalBreakMs', 'headsUpMs', 'idleDetectionMs', 'callHoldMs', 'callSettleMs'] as const;
const MINUTES_PER_DAY = 24 * 60;

function isWorkingHours(v: unknown): v is WorkingHours {
  if (!isPlainObject(v) || typeof v.enabled !== 'boolean' || !Array.isArray(v.days)) return false;
  return v.days.every((day) => isWholeNumberIn(day, 0, 6)) && isWholeNumberIn(v.startMinute, 0, MINUTES_PER_DAY - 1) && isWholeNumberIn(v.endMinute, 0, MINUTES_PER_DAY - 1);
}

/**
 * The timing the background keeps for the pages (`TIMING_KEY`), or null when it is missing or not
 * a whole, well-formed one: a page then waits for the background's answer instead of guessing.
 */
export function readTiming(stored: unknown): Timing | null {
  if (!isPlainObject(stored)) return null;
  if (!DURATION_KEYS.every((key) => isFiniteNumber(stored[key]) && (stored[key] as number) >= 0)) return null;
  if (!isCount(stored.maxSnoozesInRow) || typeof stored.strict !== 'boolean') return null;
  if (stored.workingHours !== null && !isWorkingHours(stored.workingHours)) return null;
  return stored as unknown as Timing;
}

/** A duration in the whole minutes a notification or the prompt shows: rounded, and never 0. */
export function minutesShown(ms: number): number {
  return Math.max(1, Math.round(ms / 60_000));
}

export function timingFrom(settings: Settings, overrides: DevOverrides | null): Timing {
  const seconds = (override: number | undefined, fallbackSeconds: number) =>
    Math.round((override ?? fallbackSeconds) * 1000);
  return {
    workMs: seconds(overrides?.workSeconds, settings.workMinutes * 60),
    breakMs: seconds(overrides?.breakSeconds, settings.breakSeconds),
    snoozeMs: seconds(overrides?.snoozeSeconds, settings.snoozeMinutes * 60),
    naturalBreakMs: seconds(overrides?.naturalBreakSeconds, settings.naturalBreakMinutes * 60),
    headsUpMs: seconds(overrides?.headsUpSeconds, overrides ? 0 : settings.headsUpSeconds),
    idleDetectionMs: settings.idleDetectionSeconds * 1000,
    maxSnoozesInRow: settings.maxSnoozesInRow,
    strict: settings.strict,
    workingHours: settings.workingHours.enabled ? settings.workingHours : null,
    callHoldMs: settings.callHoldMinutes * 60_000,
    callSettleMs: seconds(overrides?.callSettleSeconds, CALL_SETTLE_MS / 1000),
  };
}
