// The wake-up budget of issue 6, figure 2, on the pure core: deterministic, so asserted here
// (the benchmark reports the same figures from real browsers).
import { describe, expect, it } from 'vitest';
import { initialScheduleState, step, type ScheduleState } from '../../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { timingFrom } from '../../../src/core/timing';
import { simulateCoreWakeUps } from '../../support/simulate';

describe('wake-ups not caused by the user, at the default settings', () => {
  const figures = simulateCoreWakeUps(8);

  it('a break cycle costs at most 2 alarms, a working hour at most 4', () => {
    expect(figures.alarmsPerCycle).toBeLessThanOrEqual(2);
    expect(figures.alarmsPerWorkingHour).toBeLessThanOrEqual(4);
  });

  it('an away spell costs at most 2 wake-ups (the idle report and one alarm), wherever it falls in the cycle', () => {
    expect(figures.awaySpells.length).toBeGreaterThan(0);
    expect(figures.maxWakesPerAwaySpell).toBeLessThanOrEqual(2);
  });
});

describe('wake-ups while a call holds the break', () => {
  const timing = timingFrom(DEFAULT_SETTINGS, null);
  const T0 = Date.UTC(2026, 10, 25, 9);

  /** Alarms fired from the break falling due in a call until it shows, with the call `callMinutes` long after that. */
  function heldCall(callMinutes: number, manual: boolean): { alarms: number; shownAfterMs: number | null } {
    let state: ScheduleState = step(initialScheduleState(T0), { type: 'worker:started' }, T0, timing).state;
    if (manual) state = step(state, { type: 'user:call', until: T0 + timing.workMs + callMinutes * 60_000 }, T0, timing).state;
    const dueAt = T0 + timing.workMs;
    let alarms = 0;
    while (state.alarmAt !== null && state.alarmAt < dueAt + 3 * 3_600_000) {
      const now = state.alarmAt;
      const signal = !manual && now < dueAt + callMinutes * 60_000;
      const result = step(state, { type: 'alarm' }, now, timing, signal);
      state = result.state;
      if (now > dueAt) alarms += 1;
      if (result.effects.some((e) => e.type === 'present-break')) return { alarms, shownAfterMs: now - dueAt };
    }
    return { alarms, shownAfterMs: null };
  }

  it('a 60-min held call costs at most one wake-up a minute; the person\'s own word costs one in all', () => {
    const detected = heldCall(45, false);
    expect(detected.alarms).toBeLessThanOrEqual(46);
    expect(detected.shownAfterMs).toBe(46 * 60_000);
    // At the 60-min limit the break is offered (quietly) with no more than one look a minute.
    expect(heldCall(90, false).alarms).toBeLessThanOrEqual(60);
    expect(heldCall(45, true)).toEqual({ alarms: 1, shownAfterMs: 46 * 60_000 });
  });
});
