// The break page's view model: what the prompt shows, the preferences it shows with, and the hint that carries both in the page's URL.
// Pure: the background builds the hint and answers `break:get` with these same rules the page paints with.
import { isBreakId, isCount, isPlainObject } from '../rules/fields';
import type { BreakView } from './messages';
import { canSnooze, isScheduleState, type ScheduleState } from '../rules/schedule';
import { readSettings, THEMES, type Settings } from '../rules/settings';
import { minutesShown, readTiming, type Timing } from '../rules/timing';

/** The user's choices that shape the break page. */
export type BreakPreferences = Pick<Settings, 'sound' | 'voice' | 'theme'>;

/** The break page's preferences from stored settings (the plain rules table: no validation library). */
export function preferencesFrom(stored: unknown): BreakPreferences {
  const { sound, voice, theme } = readSettings(stored);
  return { sound, voice, theme };
}

/** The part of a `BreakView` the prompt shows; the routine needs the whole view from `break:get`. */
export type PromptView = Pick<BreakView, 'breakId' | 'started' | 'canSnooze' | 'canSkip' | 'snoozesInRow' | 'snoozeMinutes' | 'breakMs'>;

/**
 * The pending break as the background last saved it (`schedule`, and the `timing` it keeps for the
 * pages), or null when none is due or the stored data can't be read. The same rules as the
 * background's `break:get` answer, which stays the authority and replaces this when it arrives.
 */
export function promptViewFrom(schedule: unknown, timing: unknown): PromptView | null {
  const read = readTiming(timing);
  return isScheduleState(schedule) && read ? promptView(schedule, read) : null;
}

/** The prompt of the due break, or null when none is due: the background's rule, on state it has already read. */
export function promptView(state: ScheduleState, timing: Timing): PromptView | null {
  if (state.mode.kind !== 'due') return null;
  return {
    breakId: state.mode.breakId,
    started: state.mode.startedAt !== null,
    canSnooze: canSnooze(state, timing),
    canSkip: !timing.strict,
    snoozesInRow: state.snoozesInRow,
    snoozeMinutes: minutesShown(timing.snoozeMs),
    breakMs: timing.breakMs,
  };
}

/** What whoever opens the page knows already: the prompt, and the preferences to show it with. */
export interface PromptHint {
  prompt: PromptView;
  preferences: BreakPreferences;
}

const HINT_PARAM = 'prompt';

/** The query parameter that carries a hint into the break page's URL (`?surface=…&prompt=…`). */
export function hintQuery(hint: PromptHint): string {
  return new URLSearchParams({ [HINT_PARAM]: JSON.stringify(hint) }).toString();
}

/**
 * The hint in the page's URL, if it is well-formed. Anyone can open the page with any URL, so it
 * only decides what paints first: every action names the break, the background checks it, and
 * its `break:get` answer replaces the hint.
 */
export function hintFrom(params: URLSearchParams): PromptHint | null {
  try {
    const raw: unknown = JSON.parse(params.get(HINT_PARAM) ?? 'null');
    if (!isPlainObject(raw) || !isPlainObject(raw.prompt) || !isPlainObject(raw.preferences)) return null;
    const { prompt, preferences } = raw;
    const { sound, voice, theme } = preferences;
    if (typeof sound !== 'boolean' || typeof voice !== 'boolean' || !(THEMES as readonly unknown[]).includes(theme)) return null;
    const { breakId, started, canSnooze: snooze, canSkip, snoozesInRow, snoozeMinutes, breakMs } = prompt;
    if (!isBreakId(breakId) || typeof started !== 'boolean' || typeof snooze !== 'boolean' || typeof canSkip !== 'boolean') return null;
    if (!isCount(snoozesInRow) || !isCount(snoozeMinutes) || !isCount(breakMs)) return null;
    return {
      prompt: { breakId, started, canSnooze: snooze, canSkip, snoozesInRow, snoozeMinutes, breakMs },
      preferences: { sound, voice, theme: theme as BreakPreferences['theme'] },
    };
  } catch {
    return null;
  }
}
