// The toolbar badge: a clear mark when due or paused, and minutes to the break only when asked for.
import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../src/core/rules/badge';
import { initialScheduleState, step } from '../../../src/core/rules/schedule';
import { DEFAULT_SETTINGS } from '../../../src/core/rules/settings-schema';
import { timingFrom } from '../../../src/core/rules/timing';

const T0 = Date.UTC(2026, 10, 25, 9);
const timing = timingFrom(DEFAULT_SETTINGS, null);
const working = step(initialScheduleState(T0), { type: 'worker:started' }, T0, timing).state;

describe('the toolbar badge', () => {
  it('shows the minutes left, rounded up, only when the minute count is on', () => {
    expect(badgeText(working, T0 + 10 * 60_000 + 1, timing, true)).toBe('20');
    expect(badgeText(working, T0 + 29 * 60_000 + 30_000, timing, true)).toBe('1');
    expect(badgeText(working, T0 + 10 * 60_000, timing, false)).toBe('');
  });

  it('marks a due break with "!" and a pause with "❚❚", whatever the minute setting', () => {
    const due = step(working, { type: 'user:break-now' }, T0, timing).state;
    const paused = step(working, { type: 'user:pause', until: null }, T0, timing).state;
    for (const withMinutes of [true, false]) {
      expect(badgeText(due, T0, timing, withMinutes)).toBe('!');
      expect(badgeText(paused, T0, timing, withMinutes)).toBe('❚❚');
    }
  });

  it('marks a break held for a call with "☎", so the person knows it waits and where to release it', () => {
    const held = step(working, { type: 'alarm' }, T0 + 30 * 60_000, timing, true).state;
    expect(held.mode).toMatchObject({ kind: 'due', held: true });
    expect(badgeText(held, T0 + 30 * 60_000, timing, false)).toBe('☎');
  });
});
