// The one simulated clock over the pure scheduler: its state, the time, its armed alarm; events go through `step` as the background sends them, and time passes firing the alarm (and the simulated person's timed actions) on the way.
import { initialScheduleState, step, type Effect, type ScheduleEvent, type ScheduleState } from '../../src/core/rules/schedule';
import type { Timing } from '../../src/core/rules/timing';

/** One step of the scheduler, as a test watching every step sees it. */
export interface SimStep {
  before: ScheduleState;
  event: ScheduleEvent;
  effects: Effect[];
}

export interface RunOptions {
  /** How late the browser fires each alarm. */
  lateByMs?: number;
  /** At most this many alarms fire (the rest of the time passes without them). */
  maxAlarms?: number;
}

export class SimClock {
  state: ScheduleState;
  /** What the computer's clock reads. */
  now: number;
  /** Time that really passed: waiting, a closed browser, a forward clock jump (it looks the same); a backward jump adds nothing. */
  elapsedMs = 0;
  /** Every effect of every step, in order. */
  effects: Effect[] = [];
  /** How many times the armed alarm fired. */
  alarms = 0;
  /** What the background finds when it looks for a call at each step; undefined: it does not look. */
  callSignal: boolean | undefined = undefined;
  /** Called after every step, for tests that check each one. */
  onStep: ((step: SimStep) => void) | undefined = undefined;
  /** The simulated person's actions, at their times. */
  private timers: { at: number; action: () => void }[] = [];

  constructor(
    public timing: Timing,
    start: number,
    state: ScheduleState = initialScheduleState(start),
  ) {
    this.now = start;
    this.state = state;
  }

  /** Steps the scheduler now; `looked.callSignal`: what the background finds if it looks for a call at this step (by default `this.callSignal`). */
  send(event: ScheduleEvent, looked: { callSignal: boolean | undefined } = { callSignal: this.callSignal }): Effect[] {
    const { callSignal } = looked;
    const before = this.state;
    const { state, effects } = step(before, event, this.now, this.timing, callSignal);
    this.state = state;
    this.effects.push(...effects);
    this.onStep?.({ before, event, effects });
    return effects;
  }

  /** The armed alarm fires: at its time, or now if that has passed. */
  fireAlarm(): Effect[] {
    if (this.state.alarmAt !== null) this.moveTo(this.state.alarmAt);
    this.alarms += 1;
    return this.send({ type: 'alarm' });
  }

  /** The person does `action` at `at` (when time passes it, before an alarm due at the same moment). */
  at(at: number, action: () => void): void {
    this.timers.push({ at, action });
    this.timers.sort((a, b) => a.at - b.at);
  }

  /** Lets time pass until `until`, firing the armed alarm whenever it comes due (as the browser would) and the person's timed actions. */
  runUntil(until: number, { lateByMs = 0, maxAlarms = Number.POSITIVE_INFINITY }: RunOptions = {}): void {
    let fired = 0;
    for (;;) {
      const alarmAt = this.state.alarmAt === null || fired >= maxAlarms ? Number.POSITIVE_INFINITY : this.state.alarmAt + lateByMs;
      const timer = this.timers[0];
      if (timer !== undefined && timer.at <= until && timer.at <= alarmAt) {
        this.timers.shift();
        this.moveTo(timer.at);
        timer.action();
        continue;
      }
      if (alarmAt > until) break;
      this.moveTo(alarmAt);
      fired += 1;
      this.alarms += 1;
      this.send({ type: 'alarm' });
    }
    this.moveTo(until);
  }

  /** Lets `ms` pass, as `runUntil`. */
  wait(ms: number, options?: RunOptions): void {
    this.runUntil(this.now + ms, options);
  }

  /** Time passes and nothing fires: the machine asleep, the browser closed, an alarm lost. */
  advance(ms: number): void {
    this.now += ms;
    this.elapsedMs += ms;
  }

  /** The clock reading moves and no time passes (a forward jump looks like elapsed time). */
  jump(ms: number): void {
    this.now += ms;
    if (ms > 0) this.elapsedMs += ms;
  }

  /** Forward to `at` (never back). */
  private moveTo(at: number): void {
    this.advance(Math.max(0, at - this.now));
  }
}
