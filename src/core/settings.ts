// The user's settings: their defaults, their allowed ranges, and reading a stored copy safely.
import type { ExerciseId } from './exercises';
import { ROUTINE_IDS, type RoutineId } from './routines';

/** Optional working hours: outside them nothing counts. Days: 0 = Sunday … 6 = Saturday. */
export interface WorkingHours {
  enabled: boolean;
  days: number[];
  /** Minutes after local midnight; `endMinute` may be smaller than `startMinute` for a night shift. */
  startMinute: number;
  endMinute: number;
}

export interface Settings {
  workMinutes: number;
  breakSeconds: number;
  snoozeMinutes: number;
  maxSnoozesInRow: number;
  naturalBreakMinutes: number;
  /** 0 turns the heads-up notification off. */
  headsUpSeconds: number;
  idleDetectionSeconds: number;
  /** No Skip, no Snooze. */
  strict: boolean;
  routine: RoutineId;
  routineRotation: 'fixed' | 'rotate';
  disabledExercises: ExerciseId[];
  /** A soft chime at each step change. */
  sound: boolean;
  /** Spoken cues (speech synthesis). */
  voice: boolean;
  theme: 'system' | 'light' | 'dark';
  /** Minutes to the next break on the toolbar badge. */
  badgeMinutes: boolean;
  workingHours: WorkingHours;
  /** Do not disturb: the longest a due break waits for a fullscreen window (0 = never waits). */
  fullscreenWaitMinutes: number;
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
  routineRotation: 'fixed',
  disabledExercises: [],
  sound: true,
  voice: false,
  theme: 'system',
  badgeMinutes: true,
  workingHours: { enabled: false, days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 },
  fullscreenWaitMinutes: 15,
} satisfies Settings);

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
  fullscreenWaitMinutes: [0, 60],
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
  const settings: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;
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
