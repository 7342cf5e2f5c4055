// Working hours, do-not-disturb and "pause until tomorrow", in local time across DST changes.
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import { initialScheduleState, nextBreakAt, step, type ScheduleState } from '../../../src/core/rules/schedule';
import { DEFAULT_SETTINGS, type WorkingHours } from '../../../src/core/rules/settings-schema';
import { timingFrom, type Timing } from '../../../src/core/rules/timing';
import { addCountableMs, countableMsBetween, isWithinWorkingHours, tomorrowStart } from '../../../src/core/rules/working-hours';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WEEKDAYS_9_TO_17: WorkingHours = { enabled: true, days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('working hours', () => {
  it('count only inside the window, on the chosen days', () => {
    // Wednesday 25 Nov 2026.
    expect(isWithinWorkingHours(local(2026, 11, 25, 8, 59), WEEKDAYS_9_TO_17)).toBe(false);
    expect(isWithinWorkingHours(local(2026, 11, 25, 9, 0), WEEKDAYS_9_TO_17)).toBe(true);
    expect(isWithinWorkingHours(local(2026, 11, 25, 16, 59), WEEKDAYS_9_TO_17)).toBe(true);
    expect(isWithinWorkingHours(local(2026, 11, 25, 17, 0), WEEKDAYS_9_TO_17)).toBe(false);
    // Saturday.
    expect(isWithinWorkingHours(local(2026, 11, 28, 12), WEEKDAYS_9_TO_17)).toBe(false);
    expect(countableMsBetween(local(2026, 11, 25, 8), local(2026, 11, 25, 18), WEEKDAYS_9_TO_17)).toBe(8 * HOUR);
    expect(countableMsBetween(local(2026, 11, 27, 16), local(2026, 11, 30, 10), WEEKDAYS_9_TO_17)).toBe(2 * HOUR);
  });

  it('a night shift running past midnight belongs to the day it starts', () => {
    const night: WorkingHours = { enabled: true, days: [5], startMinute: 22 * 60, endMinute: 6 * 60 };
    expect(isWithinWorkingHours(local(2026, 11, 28, 3), night)).toBe(true); // Saturday 03:00, Friday's shift
    expect(isWithinWorkingHours(local(2026, 11, 28, 23), night)).toBe(false); // Saturday's own night: not a shift day
    expect(countableMsBetween(local(2026, 11, 27, 12), local(2026, 11, 28, 12), night)).toBe(8 * HOUR);
  });

  it('stay correct across the DST changes: 8 wall-clock hours are 8 hours on both Sundays-adjacent Mondays', () => {
    const everyDay: WorkingHours = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, endMinute: 4 * 60 };
    // 29 March 2026: clocks go 02:00 → 03:00, so midnight to 04:00 lasts 3 hours.
    expect(countableMsBetween(local(2026, 3, 29), local(2026, 3, 29, 12), everyDay)).toBe(3 * HOUR);
    // 25 October 2026: clocks go 03:00 → 02:00, so midnight to 04:00 lasts 5 hours.
    expect(countableMsBetween(local(2026, 10, 25), local(2026, 10, 25, 12), everyDay)).toBe(5 * HOUR);
    expect(isWithinWorkingHours(local(2026, 3, 30, 9), WEEKDAYS_9_TO_17)).toBe(true);
    expect(new Date(addCountableMs(local(2026, 3, 27, 16), 2 * HOUR, WEEKDAYS_9_TO_17)!).getHours()).toBe(10);
  });

  it('a break is never due outside the window: 20 min left at 16:50 on a Friday lands at 09:10 on Monday', () => {
    const timing: Timing = { ...timingFrom(DEFAULT_SETTINGS, null), workingHours: WEEKDAYS_9_TO_17, headsUpMs: 0 };
    const friday1650 = local(2026, 11, 27, 16, 50);
    let state: ScheduleState = { ...initialScheduleState(friday1650), cycleActiveMs: 10 * MIN };
    state = step(state, { type: 'worker:started' }, friday1650, timing).state;
    expect(state.alarmAt).toBe(local(2026, 11, 30, 9, 10));
    // Nothing counted over the weekend: on Monday at 09:00 the cycle has 20 min.
    const monday0900 = local(2026, 11, 30, 9);
    expect(step(state, { type: 'activity', activity: 'active' }, monday0900, timing).state.cycleActiveMs).toBe(20 * MIN);
    expect(nextBreakAt(state, monday0900, timing)).toBe(local(2026, 11, 30, 9, 10));
  });
});

describe('pause until tomorrow', () => {
  it('lasts until the next working day starts (Friday → Monday 09:00)', () => {
    expect(tomorrowStart(local(2026, 11, 27, 15), WEEKDAYS_9_TO_17)).toBe(local(2026, 11, 30, 9));
  });

  it('without a schedule, lasts until tomorrow at the schedule start time', () => {
    expect(tomorrowStart(local(2026, 11, 27, 15), { ...WEEKDAYS_9_TO_17, enabled: false })).toBe(local(2026, 11, 28, 9));
  });
});

describe('do not disturb', () => {
  const timing: Timing = { ...timingFrom(DEFAULT_SETTINGS, null), headsUpMs: 0 };

  it('a scheduled break is held while the window is fullscreen; one asked for never is', () => {
    const t0 = local(2026, 11, 25, 10);
    let state = step(initialScheduleState(t0), { type: 'worker:started' }, t0, timing).state;
    const now = t0 + 30 * MIN;
    const due = step(state, { type: 'alarm' }, now, timing, true);
    state = due.state;
    expect(due.effects.some((e) => e.type === 'present-break')).toBe(false);
    expect(state.mode).toMatchObject({ kind: 'due', breakId: 1, heldSince: now });
    const manual = step(step(state, { type: 'user:pause', until: now + MIN }, now, timing).state, { type: 'user:break-now' }, now, timing, true);
    expect(manual.effects).toContainEqual({ type: 'present-break', breakId: 2, quiet: false });
  });
});
