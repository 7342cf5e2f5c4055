// The scheduling rules of PRODUCT.md § Scheduling, as scenarios on a simulated clock.
import { describe, expect, it } from 'vitest';
import {
  cycleActiveMsAt,
  initialScheduleState,
  nextBreakAt,
  readScheduleState,
  step,
  type Effect,
  type ScheduleState,
} from '../../../src/core/rules/schedule';
import { DEFAULT_SETTINGS } from '../../../src/core/rules/settings-schema';
import { timingFrom, type Timing } from '../../../src/core/rules/timing';
import { SimClock } from '../../support/sim-clock';

const MIN = 60_000;
const SEC = 1000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** A person at a computer, on the simulated clock: every call steps the reducer like the background does. */
class Day extends SimClock {
  constructor(timing: Timing = timingFrom(DEFAULT_SETTINGS, null)) {
    super(timing, T0);
    this.send({ type: 'worker:started' });
  }
  /** Goes idle `detectionMs` after the last input, as the idle API reports it. */
  stepAway(ms: number): void {
    const detection = this.timing.idleDetectionMs;
    this.wait(Math.min(ms, detection));
    if (ms < detection) return this.send({ type: 'activity', activity: 'active' }) && undefined;
    this.send({ type: 'activity', activity: 'idle' });
    this.wait(ms - detection);
    this.send({ type: 'activity', activity: 'active' });
  }
  get prompts(): number {
    return this.effects.filter((e) => e.type === 'present-break').length;
  }
  recorded(kind: string): number {
    return this.effects.filter((e) => e.type === 'record' && e.record.kind === kind).length;
  }
  get activeMs(): number {
    return cycleActiveMsAt(this.state, this.now, this.timing);
  }
  get breakId(): number {
    if (this.state.mode.kind !== 'due') throw new Error(`expected a pending break, mode is ${this.state.mode.kind}`);
    return this.state.mode.breakId;
  }
}

describe('screen time, not wall time', () => {
  it('30 min of activity brings one break', () => {
    const day = new Day();
    day.wait(30 * MIN - SEC);
    expect(day.prompts).toBe(0);
    day.wait(SEC);
    expect(day.prompts).toBe(1);
    expect(day.state.mode.kind).toBe('due');
  });

  it('3 min idle after 20 min of work does not reset the timer; the break comes after 30 min of screen time', () => {
    const day = new Day();
    day.wait(20 * MIN);
    day.stepAway(3 * MIN);
    expect(day.recorded('natural')).toBe(0);
    expect(day.activeMs).toBe(23 * MIN);
    day.wait(7 * MIN);
    expect(day.prompts).toBe(1);
  });

  it('5 min idle after 20 min of work is a natural break: the timer resets and it is recorded', () => {
    const day = new Day();
    day.wait(20 * MIN);
    day.stepAway(5 * MIN);
    expect(day.recorded('natural')).toBe(1);
    expect(day.activeMs).toBe(0);
    day.wait(29 * MIN);
    expect(day.prompts).toBe(0);
    day.wait(1 * MIN);
    expect(day.prompts).toBe(1);
  });

  it('30 min of activity, 3 min idle, 30 min more gives exactly one break before the idle and none owed after', () => {
    const day = new Day();
    day.wait(30 * MIN);
    expect(day.prompts).toBe(1);
    day.send({ type: 'user:start', breakId: day.breakId });
    day.wait(2 * MIN);
    day.send({ type: 'user:complete', breakId: day.breakId });
    day.stepAway(3 * MIN);
    day.wait(27 * MIN - SEC);
    expect(day.prompts).toBe(1);
    day.wait(SEC);
    expect(day.prompts).toBe(2);
  });

  it('the idle spell is dated from the last input, not from when the API reported it', () => {
    const day = new Day();
    day.wait(10 * MIN);
    // Idle reported 60 s after the last input; the spell then lasts 5 min in all.
    day.wait(60 * SEC);
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(4 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.recorded('natural')).toBe(1);
  });

  it('locked time never counts, even a short lock', () => {
    const day = new Day();
    day.wait(10 * MIN);
    day.send({ type: 'activity', activity: 'locked' });
    day.wait(2 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.activeMs).toBe(10 * MIN);
    expect(day.recorded('natural')).toBe(0);
  });

  it('a lock reaching the threshold is a natural break', () => {
    const day = new Day();
    day.wait(10 * MIN);
    day.send({ type: 'activity', activity: 'locked' });
    day.wait(6 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.recorded('natural')).toBe(1);
    expect(day.activeMs).toBe(0);
  });

  it('a break falling due during a short still spell (reading) still appears', () => {
    const day = new Day();
    day.wait(29 * MIN);
    day.send({ type: 'activity', activity: 'idle' }); // last input was 60 s ago, at 28 min
    day.wait(1 * MIN + SEC);
    expect(day.prompts).toBe(1);
  });
});

describe('a pending break', () => {
  it('stops time accruing and never brings a second prompt', () => {
    const day = new Day();
    day.wait(30 * MIN);
    const active = day.activeMs;
    day.wait(20 * MIN);
    day.send({ type: 'worker:started' });
    day.send({ type: 'user:break-now' });
    expect(day.activeMs).toBe(active);
    expect(new Set(day.effects.filter((e) => e.type === 'present-break').map((e) => (e as { breakId: number }).breakId)).size).toBe(1);
  });

  it('arms no alarm while waiting for an answer', () => {
    const day = new Day();
    day.wait(30 * MIN);
    expect(day.state.alarmAt).toBeNull();
  });

  it('is resolved as a natural break if the person walks away from it', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'activity', activity: 'locked' });
    day.wait(6 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.effects).toContainEqual({ type: 'dismiss-break', breakId: 1, outcome: 'natural' });
    expect(day.state.mode.kind).toBe('working');
    expect(day.activeMs).toBe(0);
  });
});

describe('snooze, skip, complete', () => {
  it('snooze puts the prompt off by 5 min of active time', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:snooze', breakId: day.breakId });
    expect(day.recorded('snoozed')).toBe(1);
    day.wait(5 * MIN - SEC);
    expect(day.prompts).toBe(1);
    day.wait(SEC);
    expect(day.prompts).toBe(2);
  });

  it('snooze counts active time only: a 2 min lock during the snooze delays the prompt by 2 min', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:snooze', breakId: day.breakId });
    day.wait(2 * MIN);
    day.send({ type: 'activity', activity: 'locked' });
    day.wait(2 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    day.wait(3 * MIN - SEC);
    expect(day.prompts).toBe(1);
    day.wait(SEC);
    expect(day.prompts).toBe(2);
  });

  it('after 3 snoozes in a row only Start and Skip remain', () => {
    const day = new Day();
    for (let i = 0; i < 3; i++) {
      day.wait(5 * MIN + 30 * MIN * Number(i === 0));
      day.send({ type: 'user:snooze', breakId: day.breakId });
    }
    day.wait(5 * MIN);
    const id = day.breakId;
    day.send({ type: 'user:snooze', breakId: id });
    expect(day.state.mode.kind).toBe('due');
    expect(day.recorded('snoozed')).toBe(3);
    day.send({ type: 'user:skip', breakId: id });
    expect(day.state.mode.kind).toBe('working');
    expect(day.state.snoozesInRow).toBe(0);
  });

  it('strict mode refuses snooze and skip', () => {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), strict: true });
    day.wait(30 * MIN);
    day.send({ type: 'user:snooze', breakId: day.breakId });
    day.send({ type: 'user:skip', breakId: day.breakId });
    expect(day.state.mode.kind).toBe('due');
  });

  it('skip is recorded and the work timer restarts', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:skip', breakId: day.breakId });
    expect(day.recorded('skipped')).toBe(1);
    expect(day.activeMs).toBe(0);
    day.wait(30 * MIN);
    expect(day.prompts).toBe(2);
  });

  it('complete needs a started routine; then it is recorded and the timer restarts', () => {
    const day = new Day();
    day.wait(30 * MIN);
    const id = day.breakId;
    day.send({ type: 'user:complete', breakId: id });
    expect(day.state.mode.kind).toBe('due');
    day.send({ type: 'user:start', breakId: id });
    day.wait(2 * MIN);
    day.send({ type: 'user:complete', breakId: id });
    expect(day.recorded('completed')).toBe(1);
    expect(day.state.mode.kind).toBe('working');
    expect(day.activeMs).toBe(0);
  });

  it('closing the break early counts as a snooze, never as completed', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:start', breakId: day.breakId });
    day.wait(30 * SEC);
    day.send({ type: 'user:closed', breakId: day.breakId });
    expect(day.recorded('snoozed')).toBe(1);
    expect(day.recorded('completed')).toBe(0);
  });

  it('closing the break in strict mode snoozes nothing: the break shows again', () => {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), strict: true });
    day.wait(30 * MIN);
    const id = day.breakId;
    const effects = day.send({ type: 'user:closed', breakId: id });
    expect(day.recorded('snoozed')).toBe(0);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: id });
    expect(effects).toContainEqual({ type: 'present-break', breakId: id, quiet: false });
  });

  it('closing the break past the snooze limit snoozes nothing: the break shows again', () => {
    const day = new Day();
    for (let i = 0; i < 3; i++) {
      day.wait(30 * MIN);
      day.send({ type: 'user:snooze', breakId: day.breakId });
    }
    day.wait(30 * MIN);
    const id = day.breakId;
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: id });
    day.send({ type: 'user:closed', breakId: id });
    expect(day.recorded('snoozed')).toBe(3);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: id });
  });

  it('answers for a break that is no longer pending change nothing', () => {
    const day = new Day();
    day.wait(30 * MIN);
    const id = day.breakId;
    day.send({ type: 'user:skip', breakId: id });
    const before = structuredClone(day.state);
    day.send({ type: 'user:skip', breakId: id });
    day.send({ type: 'user:complete', breakId: id });
    day.send({ type: 'user:snooze', breakId: id + 7 });
    expect(day.state).toEqual({ ...before, lastSeenAt: day.now });
  });
});

describe('a completed break is completed, whatever the input during its routine', () => {
  /** A hands-free routine: Start, then nobody touches anything (a floor routine) until the page reports its end. */
  function handsFreeBreak(breakMs: number, naturalBreakMs: number): Day {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), breakMs, naturalBreakMs });
    day.wait(30 * MIN);
    const id = day.breakId;
    day.send({ type: 'user:start', breakId: id });
    // The idle API reports one detection interval after the Start click, the last input.
    day.wait(day.timing.idleDetectionMs);
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(breakMs - day.timing.idleDetectionMs);
    day.send({ type: 'user:complete', breakId: id });
    return day;
  }

  it.each([
    ['equals', 0],
    ['is 1 s shorter than', -SEC],
    ['is 1 s longer than', SEC],
  ])('a break whose length %s the away threshold is recorded as completed, not as a natural break', (_, deltaMs) => {
    const day = handsFreeBreak(2 * MIN + deltaMs, 2 * MIN);
    expect(day.recorded('completed')).toBe(1);
    expect(day.recorded('natural')).toBe(0);
    // Its surface stays for the Done screen: the only dismissal says completed.
    expect(day.effects.filter((e) => e.type === 'dismiss-break')).toEqual([{ type: 'dismiss-break', breakId: 1, outcome: 'completed' }]);
    expect(day.state.mode.kind).toBe('working');
  });

  it('the default 5 min away threshold with a 300 s break: completed', () => {
    const day = handsFreeBreak(5 * MIN, 5 * MIN);
    expect(day.recorded('completed')).toBe(1);
    expect(day.recorded('natural')).toBe(0);
  });

  it('staying still after the routine is part of that break: no natural break, no screen time, and the next cycle starts on return', () => {
    const day = handsFreeBreak(2 * MIN, 2 * MIN);
    day.wait(60 * MIN);
    expect(day.state.alarmAt).toBeNull();
    day.send({ type: 'activity', activity: 'active' });
    expect(day.recorded('natural')).toBe(0);
    expect(day.recorded('completed')).toBe(1);
    expect(day.activeMs).toBe(0);
    day.wait(30 * MIN - SEC);
    expect(day.prompts).toBe(1);
    day.wait(SEC);
    expect(day.prompts).toBe(2);
  });

  it('a lock during the routine does not take the break down either', () => {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), breakMs: 2 * MIN, naturalBreakMs: 2 * MIN });
    day.wait(30 * MIN);
    day.send({ type: 'user:start', breakId: day.breakId });
    day.wait(10 * SEC);
    day.send({ type: 'activity', activity: 'locked' });
    day.wait(2 * MIN);
    expect(day.state.mode.kind).toBe('due');
    day.send({ type: 'user:complete', breakId: day.breakId });
    expect(day.recorded('completed')).toBe(1);
    expect(day.recorded('natural')).toBe(0);
  });

  it('walking away from a prompt nobody started is still a natural break', () => {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), breakMs: 2 * MIN, naturalBreakMs: 2 * MIN });
    day.wait(30 * MIN);
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(2 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.recorded('natural')).toBe(1);
  });

  it('a routine cut off by closing the browser is no longer running: a long closure is a natural break', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:start', breakId: day.breakId });
    day.wait(30 * SEC);
    day.now += 60 * MIN;
    day.send({ type: 'browser:started' });
    expect(day.recorded('natural')).toBe(1);
    expect(day.state.mode.kind).toBe('working');
  });
});

describe('pause and take a break now', () => {
  it('while paused nothing counts and nothing appears; the pause ends by itself', () => {
    const day = new Day();
    day.wait(10 * MIN);
    day.send({ type: 'user:pause', until: day.now + 60 * MIN });
    day.wait(60 * MIN);
    expect(day.state.mode.kind).toBe('working');
    expect(day.activeMs).toBe(10 * MIN);
    day.wait(20 * MIN);
    expect(day.prompts).toBe(1);
  });

  it('pause until resumed lasts until the user resumes', () => {
    const day = new Day();
    day.send({ type: 'user:pause', until: null });
    day.wait(8 * 60 * MIN);
    expect(day.state.mode.kind).toBe('paused');
    day.send({ type: 'user:resume' });
    expect(day.state.mode.kind).toBe('working');
  });

  it('take a break now brings the prompt at once', () => {
    const day = new Day();
    day.wait(3 * MIN);
    day.send({ type: 'user:break-now' });
    expect(day.prompts).toBe(1);
    expect(day.state.mode).toMatchObject({ kind: 'due', manual: true });
  });
});

describe('clock jumps and sleep', () => {
  it('a machine asleep for hours brings no burst of stale prompts: it was a natural break', () => {
    const day = new Day();
    day.wait(20 * MIN);
    // Asleep: nothing fires until the machine wakes 3 h later.
    day.now += 3 * 60 * MIN;
    day.send({ type: 'alarm' });
    expect(day.prompts).toBe(0);
    expect(day.recorded('natural')).toBe(1);
    expect(day.activeMs).toBe(0);
  });

  it('a clock moved backwards neither counts negative time nor loses the time already counted', () => {
    const day = new Day();
    day.wait(10 * MIN);
    day.send({ type: 'worker:started' });
    day.now -= 2 * 60 * MIN;
    day.send({ type: 'activity', activity: 'idle' });
    day.send({ type: 'activity', activity: 'active' });
    expect(day.activeMs).toBeGreaterThanOrEqual(9 * MIN);
    expect(day.activeMs).toBeLessThanOrEqual(10 * MIN);
    const due = nextBreakAt(day.state, day.now, day.timing);
    expect(due).not.toBeNull();
    expect(due! - day.now).toBeLessThanOrEqual(21 * MIN);
  });

  it('a browser closed for an hour does not count that hour', () => {
    const day = new Day();
    day.wait(10 * MIN);
    day.now += 60 * MIN;
    day.send({ type: 'browser:started' });
    expect(day.recorded('natural')).toBe(1);
    expect(day.activeMs).toBe(0);
  });
});

describe('settings changed mid-cycle take effect at once', () => {
  it('a shorter interval already exceeded makes the break due now', () => {
    const day = new Day();
    day.wait(20 * MIN);
    const { state, effects } = step(day.state, { type: 'timing:changed' }, day.now, { ...day.timing, workMs: 15 * MIN });
    expect(state.mode.kind).toBe('due');
    expect(effects.some((e) => e.type === 'present-break')).toBe(true);
  });

  it('a longer interval extends the cycle', () => {
    const day = new Day();
    day.wait(20 * MIN);
    const { state } = step(day.state, { type: 'timing:changed' }, day.now, { ...day.timing, workMs: 45 * MIN });
    expect(state.alarmAt! - day.now).toBe(25 * MIN - day.timing.headsUpMs);
  });
});

describe('wake-ups', () => {
  it('a working hour at the default 30 min costs at most 4 alarms (heads-up and due, twice)', () => {
    const day = new Day();
    // Each break is taken at once and its routine run through: its minutes are not part of the working hour.
    for (let minute = 0; minute < 60; minute++) {
      const until = day.now + MIN;
      while (day.state.alarmAt !== null && day.state.alarmAt <= until) {
        day.fireAlarm();
        if (day.state.mode.kind === 'due') {
          day.send({ type: 'user:start', breakId: day.breakId });
          day.now += day.timing.breakMs;
          day.send({ type: 'user:complete', breakId: day.breakId });
        }
      }
      day.now = Math.max(day.now, until);
    }
    expect(day.alarms).toBeLessThanOrEqual(4);
    expect(day.effects.filter((e) => e.type === 'notify-heads-up').length).toBe(2);
  });
});

describe('reading the stored state', () => {
  const due: ScheduleState = {
    ...initialScheduleState(T0),
    mode: { kind: 'due', breakId: 3, dueSince: T0, startedAt: null, manual: false, heldSince: T0, held: true },
    awaySince: T0,
    snoozedUntilActiveMs: 10 * MIN,
  };
  const fresh = initialScheduleState(T0 + MIN);

  it('keeps a well-formed state of every mode as it is', () => {
    for (const state of [due, initialScheduleState(T0), { ...due, mode: { kind: 'paused', until: null } } satisfies ScheduleState]) {
      expect(readScheduleState(structuredClone(state), T0 + MIN)).toEqual(state);
    }
  });

  it('starts afresh when any one field is missing or malformed, rather than scheduling from garbage', () => {
    const broken: Record<string, unknown>[] = [
      { version: 2 },
      { activity: 'asleep' },
      { awaySince: 'now' },
      { awaySpellWasNaturalBreak: 0 },
      { cycleActiveMs: -1 },
      { cycleActiveMs: Number.NaN },
      { snoozedUntilActiveMs: undefined },
      { headsUpSent: null },
      { lastSeenAt: Number.POSITIVE_INFINITY },
      { mode: { kind: 'due', breakId: 3, dueSince: T0, startedAt: null, manual: false } },
      { mode: { kind: 'due', breakId: '3', dueSince: T0, startedAt: null, manual: false, heldSince: null, held: false } },
      { mode: { kind: 'paused', until: 'later' } },
      { mode: { kind: 'sleeping' } },
      { mode: null },
    ];
    for (const change of broken) expect(readScheduleState({ ...due, ...change }, T0 + MIN), JSON.stringify(change)).toEqual(fresh);
    const { nextBreakId: _, ...missing } = due;
    expect(readScheduleState(missing, T0 + MIN)).toEqual(fresh);
    expect(readScheduleState(null, T0 + MIN)).toEqual(fresh);
    expect(readScheduleState('state', T0 + MIN)).toEqual(fresh);
  });
});

describe('a call is presence, not absence: a due break is held, then shown once', () => {
  const presents = (day: Day) => day.effects.filter((e): e is Extract<Effect, { type: 'present-break' }> => e.type === 'present-break');

  it('a call spanning the due moment holds the break and shows it once, about a minute after the call ends', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(30 * MIN);
    expect(day.state.mode).toMatchObject({ kind: 'due', heldSince: T0 + 30 * MIN });
    expect(day.prompts).toBe(0);
    expect(day.recorded('held')).toBe(1);
    day.wait(20 * MIN);
    expect(day.prompts).toBe(0);
    // The call ends at 50:30; a re-check a minute finds it gone, and a minute later the break shows.
    day.wait(30 * SEC);
    day.callSignal = false;
    day.wait(2 * MIN);
    expect(presents(day)).toEqual([{ type: 'present-break', breakId: 1, quiet: false }]);
    const shownAt = day.effects.length;
    day.wait(10 * MIN);
    expect(day.prompts).toBe(1);
    expect(day.recorded('held')).toBe(1);
    expect(day.effects.length).toBeGreaterThanOrEqual(shownAt);
    // Nothing was skipped or reset: the same break is pending, and completing it restarts the cycle.
    day.send({ type: 'user:start', breakId: 1 });
    day.send({ type: 'user:complete', breakId: 1 });
    expect(day.recorded('completed')).toBe(1);
    expect(day.recorded('skipped') + day.recorded('natural')).toBe(0);
  });

  it('a held break looks again once a minute, and shows at the first look that finds the call gone for a minute', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(30 * MIN);
    const dueAt = day.now;
    const alarms: number[] = [];
    for (let i = 0; i < 5; i++) {
      alarms.push(day.state.alarmAt! - dueAt);
      day.wait(day.state.alarmAt! - day.now);
    }
    expect(alarms).toEqual([1, 2, 3, 4, 5].map((m) => m * MIN));
    day.callSignal = false;
    day.wait(MIN); // finds it gone
    expect(day.prompts).toBe(0);
    day.wait(MIN); // a minute later: shown
    expect(day.prompts).toBe(1);
    expect(day.state.alarmAt).toBeNull();
  });

  it('active time during a call counts, idle or not, and an idle spell in a call is no natural break', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(10 * MIN);
    // Listening in a meeting without touching anything for 15 min.
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(15 * MIN);
    expect(day.recorded('natural')).toBe(0);
    expect(day.activeMs).toBe(25 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.activeMs).toBe(25 * MIN);
    day.wait(5 * MIN);
    expect(day.state.mode).toMatchObject({ kind: 'due' });
    expect(day.recorded('natural')).toBe(0);
  });

  it('an idle spell found to be a call when the background looks counts as presence', () => {
    const day = new Day();
    day.callSignal = false;
    day.wait(10 * MIN);
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(2 * MIN);
    day.callSignal = true;
    day.send({ type: 'alarm' });
    day.wait(10 * MIN);
    expect(day.recorded('natural')).toBe(0);
    expect(day.activeMs).toBe(22 * MIN);
  });

  it('idle when the call ends: from then on it is an away spell, and a long one is a natural break', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(10 * MIN);
    day.send({ type: 'activity', activity: 'idle' });
    day.wait(5 * MIN);
    day.callSignal = false;
    day.send({ type: 'alarm' }); // a wake-up that finds the call over
    expect(day.state.awaySince).toBe(day.now);
    day.wait(6 * MIN);
    day.send({ type: 'activity', activity: 'active' });
    expect(day.recorded('natural')).toBe(1);
  });

  it('a call outlasting the limit: the break is offered quietly (a notification without sound), once', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(30 * MIN);
    day.wait(59 * MIN);
    expect(day.prompts).toBe(0);
    day.wait(MIN);
    expect(presents(day)).toEqual([{ type: 'present-break', breakId: 1, quiet: true }]);
    day.wait(30 * MIN);
    expect(day.prompts).toBe(1);
  });

  it('the limit is a setting; 0 turns holding off', () => {
    const day = new Day({ ...timingFrom({ ...DEFAULT_SETTINGS, callHoldMinutes: 0 }, null) });
    day.callSignal = true;
    day.wait(30 * MIN);
    expect(presents(day)).toEqual([{ type: 'present-break', breakId: 1, quiet: false }]);
    expect(day.recorded('held')).toBe(0);
    const short = new Day({ ...timingFrom({ ...DEFAULT_SETTINGS, callHoldMinutes: 5 }, null) });
    short.callSignal = true;
    short.wait(35 * MIN);
    expect(presents(short)).toEqual([{ type: 'present-break', breakId: 1, quiet: true }]);
  });

  it('the heads-up in a call makes no sound', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(30 * MIN - 30 * SEC);
    expect(day.effects.filter((e) => e.type === 'notify-heads-up')).toEqual([{ type: 'notify-heads-up', dueAt: T0 + 30 * MIN, silent: true }]);
    const quiet = new Day();
    quiet.callSignal = false;
    quiet.wait(30 * MIN - 30 * SEC);
    expect(quiet.effects.filter((e) => e.type === 'notify-heads-up')).toEqual([{ type: 'notify-heads-up', dueAt: T0 + 30 * MIN, silent: false }]);
  });

  it('every path honours the hold: a snooze ending in a call', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.send({ type: 'user:snooze', breakId: 1 });
    day.callSignal = true;
    day.wait(5 * MIN);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: 2 });
    expect(day.state.mode.kind === 'due' && day.state.mode.heldSince).not.toBeNull();
    expect(presents(day).map((e) => e.breakId)).toEqual([1]);
  });

  it('every path honours the hold: strict mode brings a closed break back only after the call', () => {
    const day = new Day({ ...timingFrom(DEFAULT_SETTINGS, null), strict: true });
    day.wait(30 * MIN);
    day.callSignal = true;
    day.send({ type: 'user:closed', breakId: 1 });
    expect(presents(day)).toHaveLength(1);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: 1, held: true });
    day.callSignal = false;
    day.wait(3 * MIN);
    expect(presents(day)).toHaveLength(2);
  });

  it('every path honours the hold: the break coming back after a browser start', () => {
    const day = new Day();
    day.wait(30 * MIN);
    day.callSignal = true;
    day.send({ type: 'browser:started' });
    expect(presents(day)).toHaveLength(1);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: 1, held: true });
  });

  it('"Take a break now" shows at once, in a call or not, and releases a held break', () => {
    const day = new Day();
    day.callSignal = true;
    day.send({ type: 'user:break-now' });
    expect(presents(day)).toEqual([{ type: 'present-break', breakId: 1, quiet: false }]);
    day.send({ type: 'user:skip', breakId: 1 });
    day.wait(30 * MIN);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: 2, held: true });
    day.send({ type: 'user:break-now' });
    expect(presents(day)).toEqual([
      { type: 'present-break', breakId: 1, quiet: false },
      { type: 'present-break', breakId: 2, quiet: false },
    ]);
    expect(day.state.mode).toMatchObject({ kind: 'due', breakId: 2, heldSince: null });
    day.wait(5 * MIN);
    expect(day.prompts).toBe(2);
  });

  it('"I\'m in a call" holds the next break without any look, and it shows a minute after the call runs out', () => {
    const day = new Day();
    day.send({ type: 'user:call', until: T0 + 60 * MIN });
    day.wait(30 * MIN);
    expect(day.state.mode).toMatchObject({ kind: 'due', held: true });
    // No re-check while the person's own word holds it: the next alarm is the call's end plus a minute.
    expect(day.state.alarmAt).toBe(T0 + 61 * MIN);
    day.wait(31 * MIN - SEC);
    expect(day.prompts).toBe(0);
    day.wait(SEC);
    expect(day.prompts).toBe(1);
  });

  it('"I\'m in a call" over a break on screen takes it down and holds it; ending the call shows it a minute later', () => {
    const day = new Day();
    day.wait(30 * MIN);
    const effects = day.send({ type: 'user:call', until: null });
    expect(effects).toContainEqual({ type: 'withdraw-break', breakId: 1 });
    expect(day.recorded('held')).toBe(1);
    day.wait(20 * MIN);
    expect(day.prompts).toBe(1);
    day.send({ type: 'user:call-end' });
    day.wait(MIN);
    expect(presents(day)).toEqual([
      { type: 'present-break', breakId: 1, quiet: false },
      { type: 'present-break', breakId: 1, quiet: false },
    ]);
  });

  it('a hold survives a worker restart: only the stored state carries it', () => {
    const day = new Day();
    day.callSignal = true;
    day.wait(30 * MIN + 30 * SEC);
    day.state = readScheduleState(JSON.parse(JSON.stringify(day.state)), day.now);
    day.send({ type: 'worker:started' });
    expect(day.state.mode).toMatchObject({ kind: 'due', held: true });
    expect(day.state.alarmAt).not.toBeNull();
    day.callSignal = false;
    day.wait(3 * MIN);
    expect(day.prompts).toBe(1);
    expect(day.recorded('held')).toBe(1);
  });

  it('a break stored as waiting for a fullscreen window (before calls held breaks) goes on as held', () => {
    const { callSignal: _a, callManual: _b, callManualUntil: _c, callGoneAt: _d, ...older } = initialScheduleState(T0);
    const stored = { ...older, mode: { kind: 'due', breakId: 3, dueSince: T0, startedAt: null, manual: false, deferredAt: T0 } };
    expect(readScheduleState(stored, T0 + MIN)).toMatchObject({ mode: { kind: 'due', breakId: 3, heldSince: T0, held: true }, callSignal: true });
    const working = readScheduleState({ ...older }, T0 + MIN);
    expect(working).toMatchObject({ mode: { kind: 'working' }, callSignal: false, callManual: false });
  });
});
