// The user's settings: their defaults, their allowed ranges, and reading a stored copy safely.
import { ROUTINE_IDS, type RoutineId } from './routines';

export interface Settings {
  workMinutes: number;
  breakSeconds: number;
  snoozeMinutes: number;
  maxSnoozesInRow: number;
  naturalBreakMinutes: number;
  headsUpSeconds: number;
  idleDetectionSeconds: number;
  strict: boolean;
  routine: RoutineId;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  workMinutes: 30,
  breakSeconds: 120,
  snoozeMinutes: 5,
  maxSnoozesInRow: 3,
  naturalBreakMinutes: 5,
  headsUpSeconds: 60,
  idleDetectionSeconds: 60,
  strict: false,
  routine: 'desk',
});

type NumberKey = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

/** Inclusive ranges from PRODUCT.md § Scheduling. */
export const SETTING_RANGES: Readonly<Record<NumberKey, readonly [min: number, max: number]>> = {
  workMinutes: [5, 180],
  breakSeconds: [60, 600],
  snoozeMinutes: [1, 60],
  maxSnoozesInRow: [0, 10],
  naturalBreakMinutes: [2, 30],
  headsUpSeconds: [0, 300],
  // The idle API refuses intervals below 15 s.
  idleDetectionSeconds: [15, 600],
};

function isWholeNumberIn(value: unknown, [min, max]: readonly [number, number]): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Reads settings from storage. A missing, corrupt or out-of-range field falls back to its
 * default on its own, so one bad value never costs the user the rest of their settings.
 */
export function readSettings(stored: unknown): Settings {
  const source = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_RANGES) as NumberKey[]) {
    const value = source[key];
    if (isWholeNumberIn(value, SETTING_RANGES[key])) settings[key] = value;
  }
  if (typeof source.strict === 'boolean') settings.strict = source.strict;
  if (ROUTINE_IDS.includes(source.routine as RoutineId)) settings.routine = source.routine as RoutineId;
  // A natural break shorter than the break itself would make every break "natural".
  if (settings.naturalBreakMinutes * 60 < settings.breakSeconds) {
    settings.naturalBreakMinutes = Math.ceil(settings.breakSeconds / 60);
  }
  return settings;
}
