// Invariants of the scheduler over random event sequences: whatever the browser, the clock and the user do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cycleActiveMsAt,
  initialScheduleState,
  isScheduleState,
  step,
  type Activity,
  type Effect,
  type ScheduleEvent,
  type ScheduleState,
} from '../../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { timingFrom, type Timing } from '../../../src/core/timing';

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
      fullscreenWaitMinutes: number;
    }
  | { kind: 'fullscreen-deferral'; staleId: boolean }
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
      fullscreenWaitMinutes: fc.integer({ min: 0, max: 60 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fullscreen-deferral' as const), staleId: fc.boolean() }) },
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
  const T0 = Date.UTC(2026, 0, 1, 8);
  let timing: Timing = timingFrom(DEFAULT_SETTINGS, null);
  let clock = T0; // what the computer's clock reads
  let state: ScheduleState = initialScheduleState(clock);
  /** Clock time that really passed since the cycle began (backward jumps add nothing). */
  let elapsedInCycleMs = 0;
  const presented = new Set<number>();
  const resolvedCount = new Map<number, number>();
  /**
   * The break a surface shows, as the shell has it: set by `present-break`, gone when the shell held
   * it back for a fullscreen window (`surface:deferred`) or the browser closed with it.
   */
  let surfaceFor: number | null = null;

  const apply = (event: ScheduleEvent) => {
    const before = state;
    const result = step(state, event, clock, timing);
    state = result.state;
    checkStep(before, result.effects);
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
      if (effect.type === 'dismiss-break') {
        expect(effect.breakId).toBe(pendingBefore);
        resolvedCount.set(effect.breakId, (resolvedCount.get(effect.breakId) ?? 0) + 1);
        // Each resolution is tallied exactly once, under its outcome.
        const tallied = effects.filter((e) => e.type === 'record' && e.record.kind === effect.outcome);
        expect(tallied.length).toBeGreaterThanOrEqual(1);
      }
      if (effect.type === 'record' && (effect.record.kind === 'completed' || effect.record.kind === 'skipped' || effect.record.kind === 'natural')) {
        elapsedInCycleMs = 0;
      }
    }
    for (const count of resolvedCount.values()) expect(count).toBe(1);
    expect(isScheduleState(state)).toBe(true);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const active = cycleActiveMsAt(state, clock, timing);
    expect(state.cycleActiveMs).toBeGreaterThanOrEqual(0);
    expect(active).toBeGreaterThanOrEqual(0);
    // Snoozes keep the cycle's count, so compare against time since the cycle began.
    expect(active).toBeLessThanOrEqual(elapsedInCycleMs + 1);
    if (state.mode.kind === 'due') expect(presented.has(state.mode.breakId)).toBe(true);
    // A due break is never lost: it has a surface, or an alarm armed that will show it again.
    if (state.mode.kind === 'due') expect(surfaceFor === state.mode.breakId || state.alarmAt !== null).toBe(true);
  };

  const advance = (ms: number) => {
    clock += ms;
    elapsedInCycleMs += ms;
  };

  apply({ type: 'worker:started' });
  for (const c of commands) {
    switch (c.kind) {
      case 'wait': {
        const until = clock + c.ms;
        if (!c.loseAlarm) {
          let guard = 0;
          while (state.alarmAt !== null && state.alarmAt + c.lateByMs <= until && guard++ < 50) {
            advance(Math.max(0, state.alarmAt + c.lateByMs - clock));
            apply({ type: 'alarm' });
          }
        }
        advance(Math.max(0, until - clock));
        break;
      }
      case 'activity':
        apply({ type: 'activity', activity: c.activity });
        break;
      case 'spurious-alarm':
        apply({ type: 'alarm' });
        break;
      case 'worker-restart':
        // All that survives a stopped worker is what was stored.
        state = JSON.parse(JSON.stringify(state)) as ScheduleState;
        apply({ type: 'worker:started' });
        break;
      case 'browser-restart':
        // The surface closed with the browser.
        surfaceFor = null;
        advance(c.closedMs);
        state = JSON.parse(JSON.stringify(state)) as ScheduleState;
        apply({ type: 'browser:started' });
        break;
      case 'clock-jump':
        // The clock reading moves; no real time passes (forward jumps look like elapsed time).
        clock += c.ms;
        if (c.ms > 0) elapsedInCycleMs += c.ms;
        break;
      case 'timing':
        timing = timingFrom(
          {
            ...DEFAULT_SETTINGS,
            workMinutes: c.workMinutes,
            snoozeMinutes: c.snoozeMinutes,
            naturalBreakMinutes: c.naturalBreakMinutes,
            headsUpSeconds: c.headsUpSeconds,
            strict: c.strict,
            maxSnoozesInRow: c.maxSnoozes,
            workingHours: c.workingHours ? { enabled: true, ...c.workingHours } : DEFAULT_SETTINGS.workingHours,
            fullscreenWaitMinutes: c.fullscreenWaitMinutes,
          },
          null,
        );
        apply({ type: 'timing:changed' });
        break;
      case 'user': {
        const pendingId = state.mode.kind === 'due' ? state.mode.breakId : state.nextBreakId;
        const breakId = c.staleId ? Math.max(1, pendingId - 1) : pendingId;
        if (c.action === 'break-now') apply({ type: 'user:break-now' });
        else if (c.action === 'resume') apply({ type: 'user:resume' });
        else apply({ type: `user:${c.action}`, breakId });
        break;
      }
      case 'fullscreen-deferral': {
        const pendingId = state.mode.kind === 'due' ? state.mode.breakId : state.nextBreakId;
        const breakId = c.staleId ? pendingId + 1 : pendingId;
        // The shell held the break back: nothing shows it until the alarm looks again.
        if (breakId === surfaceFor) surfaceFor = null;
        apply({ type: 'surface:deferred', breakId });
        break;
      }
      case 'pause':
        apply({ type: 'user:pause', until: c.minutes === null ? null : clock + c.minutes * MIN });
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
