// What the prompt needs to show, handed to the page in its URL or read from storage, so its first paint does not wait on the background.
// No extension APIs here: the background builds the hint with these same rules.
import type { BreakView } from '../../core/messages';
import { canSnooze, isScheduleState, type ScheduleState } from '../../core/schedule';
import { minutesShown, type Timing } from '../../core/timing';
import type { BreakPreferences } from './preferences';

/** The part of a `BreakView` the prompt shows; the routine needs the whole view from `break:get`. */
export type PromptView = Pick<BreakView, 'breakId' | 'started' | 'canSnooze' | 'canSkip' | 'snoozesInRow' | 'snoozeMinutes' | 'breakMs'>;

function isTiming(v: unknown): v is Timing {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return typeof t.breakMs === 'number' && typeof t.snoozeMs === 'number' && typeof t.maxSnoozesInRow === 'number' && typeof t.strict === 'boolean';
}

/**
 * The pending break as the background last saved it (`schedule`, and the `timing` it keeps for the
 * pages), or null when none is due or the stored data can't be read. The same rules as the
 * background's `break:get` answer, which stays the authority and replaces this when it arrives.
 */
export function promptViewFrom(schedule: unknown, timing: unknown): PromptView | null {
  return isScheduleState(schedule) && isTiming(timing) ? promptView(schedule, timing) : null;
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
const THEMES: ReadonlySet<unknown> = new Set<BreakPreferences['theme']>(['system', 'light', 'dark']);

/** The query parameter that carries a hint into the break page's URL (`?surface=…&prompt=…`). */
export function hintQuery(hint: PromptHint): string {
  return new URLSearchParams({ [HINT_PARAM]: JSON.stringify(hint) }).toString();
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The hint in the page's URL, if it is well-formed. Anyone can open the page with any URL, so it
 * only decides what paints first: every action names the break, the background checks it, and
 * its `break:get` answer replaces the hint.
 */
export function hintFrom(params: URLSearchParams): PromptHint | null {
  try {
    const raw: unknown = JSON.parse(params.get(HINT_PARAM) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { prompt, preferences } = raw as { prompt?: Record<string, unknown>; preferences?: Record<string, unknown> };
    if (typeof prompt !== 'object' || prompt === null || typeof preferences !== 'object' || preferences === null) return null;
    const { sound, voice, theme } = preferences;
    if (typeof sound !== 'boolean' || typeof voice !== 'boolean' || !THEMES.has(theme)) return null;
    const { breakId, started, canSnooze: snooze, canSkip, snoozesInRow, snoozeMinutes, breakMs } = prompt;
    if (!isCount(breakId) || breakId === 0 || typeof started !== 'boolean' || typeof snooze !== 'boolean' || typeof canSkip !== 'boolean') return null;
    if (!isCount(snoozesInRow) || !isCount(snoozeMinutes) || !isCount(breakMs)) return null;
    return {
      prompt: { breakId, started, canSnooze: snooze, canSkip, snoozesInRow, snoozeMinutes, breakMs },
      preferences: { sound, voice, theme: theme as BreakPreferences['theme'] },
    };
  } catch {
    return null;
  }
}
