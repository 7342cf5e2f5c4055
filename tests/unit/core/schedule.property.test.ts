// Invariants of the scheduler over random event sequences: whatever the browser, the clock and the user do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cycleActiveMsAt,
  inCall,
  isScheduleState,
  type Activity,
  type Effect,
  type ScheduleEvent,
  type ScheduleState,
} from '../../../src/core/rules/schedule';
import { DEFAULT_SETTINGS } from '../../../src/core/rules/settings-schema';
import { timingFrom, type Timing } from '../../../src/core/rules/timing';
import { SimClock } from '../../support/sim-clock';

const MIN = 60_000;
/** `UNHUNCH_SOAK=200000 npm run test:unit` for a long soak; CI runs 10,000 sequences. */
const RUNS = Number(process.env.UNHUNCH_SOAK ?? 10_000);

type Command =
  | { kind: 'wait'; ms: number; loseAlarm: boolean; lateByMs: number }
  | { kind: 'activity'; activity: Activity }
  | { kind: 'spurious-alarm' }
  | { kind: 'worker-restart' }
  | { kind: 'browser-restart'; closedMs: number }
  | { kind: 'clock-jump'; ms: number }
  | {
      kind: 'timing';
      workMinutes: number;
      snoozeMinutes: number;
      naturalBreakMinutes: number;
      headsUpSeconds: number;
      strict: boolean;
      maxSnoozes: number;
      workingHours: { days: number[]; startMinute: number; endMinute: number } | null;
      callHoldMinutes: number;
    }
  /** What the background finds when it looks for a call from now on (fullscreen, camera, ...). */
  | { kind: 'call-signal'; present: boolean }
  | { kind: 'manual-call'; minutes: number | null | 'end' }
  | { kind: 'user'; action: 'break-now' | 'start' | 'snooze' | 'skip' | 'complete' | 'closed' | 'resume'; staleId: boolean }
  | { kind: 'pause'; minutes: number | null };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 * MIN }), loseAlarm: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), lateByMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * 60 * MIN })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('activity' as const), activity: fc.constantFrom<Activity>('active', 'idle', 'locked') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'spurious-alarm' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'worker-restart' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('browser-restart' as const), closedMs: fc.integer({ min: 0, max: 10 * 60 * MIN }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock-jump' as const), ms: fc.integer({ min: -5 * 60 * MIN, max: 5 * 60 * MIN }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('timing' as const),
      workMinutes: fc.integer({ min: 5, max: 180 }),
      snoozeMinutes: fc.integer({ min: 1, max: 60 }),
      naturalBreakMinutes: fc.integer({ min: 2, max: 30 }),
      headsUpSeconds: fc.constantFrom(0, 30, 60, 120),
      strict: fc.boolean(),
      maxSnoozes: fc.integer({ min: 0, max: 5 }),
      workingHours: fc.option(
        fc.record({
          days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
          startMinute: fc.integer({ min: 0, max: 1439 }),
          endMinute: fc.integer({ min: 0, max: 1439 }),
        }),
        { nil: null },
      ),
      callHoldMinutes: fc.integer({ min: 0, max: 120 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call-signal' as const), present: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual-call' as const), minutes: fc.constantFrom(30, 60, 90, null, 'end' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('user' as const),
      action: fc.constantFrom('break-now', 'start', 'snooze', 'skip', 'complete', 'closed', 'resume'),
      staleId: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), minutes: fc.option(fc.integer({ min: 1, max: 24 * 60 }), { nil: null }) }) },
);

/** Runs a sequence and checks every invariant after every step. */
function run(commands: readonly Command[]): void {
  const sim = new SimClock(timingFrom(DEFAULT_SETTINGS, null), Date.UTC(2026, 0, 1, 8));
  /** `sim.elapsedMs` when the cycle began: clock time that really passed since is the cycle's elapsed time. */
  let cycleBeganAtElapsedMs = 0;
  const presented = new Set<number>();
  const resolvedCount = new Map<number, number>();
  /** What the shell would find on looking for a call; it looks at every wake-up but the break page's answers. */
  let callSignal = false;
  const heldRecorded = new Set<number>();
  /**
   * The break a surface shows, as the shell has it: set by `present-break`, gone when the shell
   * takes it down for a call (`withdraw-break`) or the browser closed with it.
   */
  let surfaceFor: number | null = null;

  const looksForCall = (event: ScheduleEvent) => !['user:start', 'user:snooze', 'user:skip', 'user:complete', 'user:pause', 'user:resume', 'user:break-now'].includes(event.type);
  const apply = (event: ScheduleEvent) => sim.send(event, { callSignal: looksForCall(event) ? callSignal : undefined });
  sim.onStep = ({ before, event, effects }) => {
    checkStep(before, effects);
    checkCall(before, event, looksForCall(event), effects);
  };

  const checkCall = (before: ScheduleState, event: ScheduleEvent, looked: boolean, effects: Effect[]) => {
    // A call is presence: an idle spell in a call is never a natural break (a lock, a closed browser or a sleeping computer may be).
    // As the core sees it: a clock gone backwards moves the armed alarm back with it.
    const alarmAt = before.alarmAt === null ? null : before.alarmAt + Math.min(0, sim.now - before.lastSeenAt);
    const lockedAway = before.lockedSince !== null || event.type === 'browser:started' || (alarmAt !== null && sim.now - alarmAt > sim.timing.naturalBreakMs);
    if (inCall(before, sim.now) && (!looked || callSignal || before.callManual) && !lockedAway) {
      expect(effects.filter((e) => e.type === 'record' && e.record.kind === 'natural')).toEqual([]);
    }
    for (const e of effects) {
      if (e.type !== 'record' || e.record.kind !== 'held') continue;
      // Counted once per break.
      const id = sim.state.mode.kind === 'due' ? sim.state.mode.breakId : -1;
      expect(heldRecorded.has(id)).toBe(false);
      heldRecorded.add(id);
    }
    // Offered quietly only in a call, and one the person asked for only if they then held it themselves.
    for (const e of effects) {
      if (e.type === 'present-break' && e.quiet) expect(inCall(sim.state, sim.now) && sim.state.mode.kind === 'due' && (sim.state.mode.held || !sim.state.mode.manual)).toBe(true);
    }
    if (sim.state.mode.kind === 'due' && sim.state.mode.heldSince !== null) {
      const { breakId, dueSince } = sim.state.mode;
      // Held: not on screen, never past the limit, and an alarm will look again by then.
      expect(effects.some((e) => e.type === 'present-break' && e.breakId === breakId)).toBe(false);
      expect(sim.now).toBeLessThan(dueSince + sim.timing.callHoldMs);
      expect(sim.state.alarmAt).not.toBeNull();
      expect(sim.state.alarmAt!).toBeLessThanOrEqual(dueSince + sim.timing.callHoldMs);
      expect(sim.state.mode.held).toBe(true);
    }
  };

  const checkStep = (before: ScheduleState, effects: Effect[]) => {
    const pendingBefore = before.mode.kind === 'due' ? before.mode.breakId : null;
    for (const effect of effects) {
      if (effect.type === 'present-break') {
        // Never two breaks pending: a new prompt only once the previous one is resolved.
        const open = [...presented].filter((id) => !resolvedCount.has(id));
        expect(open.filter((id) => id !== effect.breakId)).toEqual([]);
        presented.add(effect.breakId);
        surfaceFor = effect.breakId;
      }
      if (effect.type === 'withdraw-break' && effect.breakId === surfaceFor) surfaceFor = null;
      if (effect.type === 'dismiss-break') {
        expect(effect.breakId).toBe(pendingBefore);
        resolvedCount.set(effect.breakId, (resolvedCount.get(effect.breakId) ?? 0) + 1);
        // Each resolution is tallied exactly once, under its outcome.
        const tallied = effects.filter((e) => e.type === 'record' && e.record.kind === effect.outcome);
        expect(tallied.length).toBeGreaterThanOrEqual(1);
      }
      if (effect.type === 'record' && (effect.record.kind === 'completed' || effect.record.kind === 'skipped' || effect.record.kind === 'natural')) {
        cycleBeganAtElapsedMs = sim.elapsedMs;
      }
    }
    for (const count of resolvedCount.values()) expect(count).toBe(1);
    expect(isScheduleState(sim.state)).toBe(true);
    expect(JSON.parse(JSON.stringify(sim.state))).toEqual(sim.state);
    const active = cycleActiveMsAt(sim.state, sim.now, sim.timing);
    expect(sim.state.cycleActiveMs).toBeGreaterThanOrEqual(0);
    expect(active).toBeGreaterThanOrEqual(0);
    // Snoozes keep the cycle's count, so compare against time since the cycle began.
    expect(active).toBeLessThanOrEqual(sim.elapsedMs - cycleBeganAtElapsedMs + 1);
    // A pending break is on screen, unless a call holds it.
    if (sim.state.mode.kind === 'due' && sim.state.mode.heldSince === null) expect(presented.has(sim.state.mode.breakId)).toBe(true);
    // A due break is never lost: it has a surface, or an alarm armed that will show it again.
    if (sim.state.mode.kind === 'due') expect(surfaceFor === sim.state.mode.breakId || sim.state.alarmAt !== null).toBe(true);
  };

  apply({ type: 'worker:started' });
  for (const c of commands) {
    switch (c.kind) {
      case 'wait':
        if (c.loseAlarm) sim.advance(c.ms);
        else sim.wait(c.ms, { lateByMs: c.lateByMs, maxAlarms: 50 });
        break;
      case 'activity':
        apply({ type: 'activity', activity: c.activity });
        break;
      case 'spurious-alarm':
        apply({ type: 'alarm' });
        break;
      case 'worker-restart':
        // All that survives a stopped worker is what was stored.
        sim.state = JSON.parse(JSON.stringify(sim.state)) as ScheduleState;
        apply({ type: 'worker:started' });
        break;
      case 'browser-restart':
        // The surface closed with the browser.
        surfaceFor = null;
        sim.advance(c.closedMs);
        sim.state = JSON.parse(JSON.stringify(sim.state)) as ScheduleState;
        apply({ type: 'browser:started' });
        break;
      case 'clock-jump':
        // The clock reading moves; no real time passes (forward jumps look like elapsed time).
        sim.jump(c.ms);
        break;
      case 'timing':
        sim.timing = timingFrom(
          {
            ...DEFAULT_SETTINGS,
            workMinutes: c.workMinutes,
            snoozeMinutes: c.snoozeMinutes,
            naturalBreakMinutes: c.naturalBreakMinutes,
            headsUpSeconds: c.headsUpSeconds,
            strict: c.strict,
            maxSnoozesInRow: c.maxSnoozes,
            workingHours: c.workingHours ? { enabled: true, ...c.workingHours } : DEFAULT_SETTINGS.workingHours,
            callHoldMinutes: c.callHoldMinutes,
          },
          null,
        );
        apply({ type: 'timing:changed' });
        break;
      case 'user': {
        const pendingId = sim.state.mode.kind === 'due' ? sim.state.mode.breakId : sim.state.nextBreakId;
        const breakId = c.staleId ? Math.max(1, pendingId - 1) : pendingId;
        if (c.action === 'break-now') apply({ type: 'user:break-now' });
        else if (c.action === 'resume') apply({ type: 'user:resume' });
        else apply({ type: `user:${c.action}`, breakId });
        break;
      }
      case 'call-signal':
        // Found at the next wake-up, like the shell does; nothing wakes for it.
        callSignal = c.present;
        break;
      case 'manual-call':
        if (c.minutes === 'end') apply({ type: 'user:call-end' });
        else apply({ type: 'user:call', until: c.minutes === null ? null : sim.now + c.minutes * MIN });
        break;
      case 'pause':
        apply({ type: 'user:pause', until: c.minutes === null ? null : sim.now + c.minutes * MIN });
        break;
    }
  }
}

describe('scheduler invariants over random sequences', () => {
  it(`hold for ${RUNS} sequences: one pending break at most, every prompt resolved once, a due break always has a surface or an alarm, active time within elapsed time, state survives storage`, () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (commands) => run(commands)),
      { numRuns: RUNS },
    );
  }, 600_000);
});

describe('a routine that plays to its end', () => {
  const SEC = 1000;
  /** What the idle API reports during the routine: a state, some time after the previous report (or the Start). */
  const report = fc.record({ afterMs: fc.integer({ min: 0, max: 700 * SEC }), activity: fc.constantFrom<Activity>('idle', 'locked', 'active') });

  it('is recorded as completed exactly once, and no still spell overlapping it is ever a natural break', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 600 }),
        fc.integer({ min: 60, max: 1800 }),
        fc.integer({ min: 15, max: 600 }),
        fc.array(report, { maxLength: 6 }),
        fc.integer({ min: 0, max: 120 * MIN }),
        (breakSeconds, naturalBreakSeconds, idleDetectionSeconds, reports, stillAfterMs) => {
          const timing: Timing = timingFrom({ ...DEFAULT_SETTINGS, breakSeconds, idleDetectionSeconds }, { naturalBreakSeconds });
          const sim = new SimClock(timing, Date.UTC(2026, 0, 1, 9));
          sim.send({ type: 'worker:started' });
          sim.send({ type: 'user:break-now' });
          const breakId = sim.state.mode.kind === 'due' ? sim.state.mode.breakId : -1;
          sim.send({ type: 'user:start', breakId });
          const startedAt = sim.now;
          const endsAt = startedAt + breakSeconds * SEC;
          // Whatever the idle API says while the routine plays (a report no later than its end).
          for (const { afterMs, activity } of reports) {
            if (sim.now + afterMs > endsAt) break;
            sim.advance(afterMs);
            sim.send({ type: 'activity', activity });
          }
          sim.advance(endsAt - sim.now);
          sim.send({ type: 'user:complete', breakId });
          expect(sim.state.mode.kind).toBe('working');
          // Away when it ended: still for a while longer (the alarm fires if one is armed), then back.
          if (sim.state.activity !== 'active') {
            if (sim.state.alarmAt !== null && sim.state.alarmAt <= sim.now + stillAfterMs) sim.fireAlarm();
            sim.advance(Math.max(0, endsAt + stillAfterMs - sim.now));
            sim.send({ type: 'activity', activity: 'active' });
          }
          const recorded = (kind: string) => sim.effects.filter((e) => e.type === 'record' && e.record.kind === kind).length;
          expect(recorded('completed')).toBe(1);
          expect(recorded('natural')).toBe(0);
          expect(sim.effects.filter((e) => e.type === 'dismiss-break')).toEqual([{ type: 'dismiss-break', breakId, outcome: 'completed' }]);
          // The break is over: the new cycle has counted no more than the time since the routine ended.
          expect(cycleActiveMsAt(sim.state, sim.now, timing)).toBeLessThanOrEqual(sim.now - endsAt);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
