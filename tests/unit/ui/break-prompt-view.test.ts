// The break page's first paint: the prompt built from stored state by the background's rules, and the hint in its URL read back only when well-formed.
import { describe, expect, it } from 'vitest';
import { hintFrom, hintQuery, promptViewFrom, type PromptHint } from '../../../src/core/contracts/break-view';
import { initialScheduleState, type ScheduleState } from '../../../src/core/rules/schedule';
import { readSettings } from '../../../src/core/rules/settings-schema';
import { timingFrom } from '../../../src/core/rules/timing';

const NOW = Date.UTC(2026, 0, 5, 10);
const timing = timingFrom(readSettings(undefined), null);

function due(overrides: Partial<ScheduleState> = {}, startedAt: number | null = null): ScheduleState {
  return { ...initialScheduleState(NOW), mode: { kind: 'due', breakId: 7, dueSince: NOW, startedAt, manual: false, heldSince: null, held: false }, ...overrides };
}

describe('promptViewFrom', () => {
  it('shows the due break with the snooze, skip and length the timing allows', () => {
    expect(promptViewFrom(due(), timing)).toEqual({
      breakId: 7,
      started: false,
      canSnooze: true,
      canSkip: true,
      snoozesInRow: 0,
      snoozeMinutes: Math.max(1, Math.round(timing.snoozeMs / 60_000)),
      breakMs: timing.breakMs,
    });
  });

  it('offers no snooze once the snooze limit is reached, and no skip in strict mode', () => {
    const limited = promptViewFrom(due({ snoozesInRow: timing.maxSnoozesInRow }), timing);
    expect(limited).toMatchObject({ canSnooze: false, canSkip: true, snoozesInRow: timing.maxSnoozesInRow });
    expect(promptViewFrom(due(), { ...timing, strict: true })).toMatchObject({ canSnooze: false, canSkip: false });
  });

  it('says when the break was already started, so the page resumes the routine', () => {
    expect(promptViewFrom(due({}, NOW), timing)?.started).toBe(true);
  });

  it('is null when no break is due or the stored data is not what the background writes', () => {
    expect(promptViewFrom(initialScheduleState(NOW), timing)).toBeNull();
    expect(promptViewFrom(due(), undefined)).toBeNull();
    expect(promptViewFrom({ mode: { kind: 'due' } }, timing)).toBeNull();
    expect(promptViewFrom(due(), { breakMs: 'long' })).toBeNull();
  });
});

describe('hintQuery and hintFrom', () => {
  const hint: PromptHint = { prompt: promptViewFrom(due(), timing)!, preferences: { sound: false, voice: true, theme: 'dark' } };

  it('carry the prompt and the preferences through the page URL unchanged', () => {
    const url = new URL(`chrome-extension://id/src/pages/break/index.html?surface=overlay&${hintQuery(hint)}`);
    expect(url.searchParams.get('surface')).toBe('overlay');
    expect(hintFrom(url.searchParams)).toEqual(hint);
  });

  it('ignore a missing, garbled or ill-typed hint, which leaves the page to read storage', () => {
    expect(hintFrom(new URLSearchParams('surface=window'))).toBeNull();
    expect(hintFrom(new URLSearchParams('prompt={not json'))).toBeNull();
    const bad = (patch: object) => hintFrom(new URLSearchParams({ prompt: JSON.stringify({ ...hint, ...patch }) }));
    expect(bad({ prompt: { ...hint.prompt, breakId: -1 } })).toBeNull();
    expect(bad({ prompt: { ...hint.prompt, canSnooze: 'yes' } })).toBeNull();
    expect(bad({ preferences: { ...hint.preferences, theme: 'neon' } })).toBeNull();
    expect(bad({ preferences: undefined })).toBeNull();
  });

  it('keep only the fields the prompt uses', () => {
    const extra = hintFrom(new URLSearchParams({ prompt: JSON.stringify({ ...hint, prompt: { ...hint.prompt, script: '<b>' } }) }));
    expect(extra?.prompt).toEqual(hint.prompt);
  });
});
