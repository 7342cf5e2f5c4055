// Wake-ups computed from the pure core: steps simulated working hours at the default settings and
// counts the `unhunch:next` alarm firings (and idle reports) no user action caused.

import { DEFAULT_SETTINGS, readSettings } from '../../src/core/rules/settings-schema';
import { timingFrom, type Timing } from '../../src/core/rules/timing';
import { SimClock } from './sim-clock';

const MINUTE = 60_000;

/** Working hours on the simulated clock, with a person who takes each break at once unless away. */
class WorkingHours {
  readonly clock: SimClock;
  breaks = 0;
  /** When the simulated user finishes the routine of the pending break. */
  completeAt: number | null = null;
  /** While true nobody answers a prompt (the person is away from the screen). */
  userAway = false;

  constructor(timing: Timing, start: number) {
    this.clock = new SimClock(timing, start);
    this.clock.onStep = ({ effects }) => {
      if (this.completeAt !== null || this.userAway || !effects.some((e) => e.type === 'present-break')) return;
      this.breaks += 1;
      // The user starts at once and runs the whole routine (a user action: not counted).
      const completeAt = this.clock.now + timing.breakMs;
      this.completeAt = completeAt;
      this.clock.at(completeAt, () => {
        this.completeAt = null;
        const mode = this.clock.state.mode;
        if (mode.kind !== 'due') return;
        this.clock.send({ type: 'user:start', breakId: mode.breakId });
        this.clock.send({ type: 'user:complete', breakId: mode.breakId });
      });
    };
    this.clock.send({ type: 'worker:started' });
  }

  /** Advances to `until`, firing the armed alarm (and completing breaks) on the way. */
  runUntil(until: number): void {
    this.clock.runUntil(until);
  }
}

export interface CoreWakeFigures {
  settings: { workMinutes: number; headsUpSeconds: number; breakSeconds: number; naturalBreakMinutes: number; badgeMinutes: boolean };
  simulatedHours: number;
  breakCycles: number;
  alarmsPerCycle: number;
  /** `unhunch:next` firings per hour of continuous work (breaks completed at once). */
  alarmsPerWorkingHour: number;
  /** The shell's badge alarm (`unhunch:badge`, every minute while the minute count is on): default on → 60 per hour. */
  badgeAlarmsPerHour: number;
  awaySpells: { label: string; awayMinutes: number; idleReports: number; alarms: number; wakes: number }[];
  maxWakesPerAwaySpell: number;
}

/** Steps `hours` of continuous activity at the default settings, then away spells of different placements and lengths. */
export function simulateCoreWakeUps(hours = 8): CoreWakeFigures {
  const settings = readSettings(undefined);
  const timing = timingFrom(settings, null);
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);

  const sim = new WorkingHours(timing, start);
  sim.runUntil(start + hours * 60 * MINUTE);
  const breakCycles = sim.breaks;

  const awaySpells: CoreWakeFigures['awaySpells'] = [];
  // Away spells beginning every half minute of a cycle, short (still screen time) and long (a natural break).
  for (let startsAtMinute = 1; startsAtMinute <= settings.workMinutes; startsAtMinute += 0.5) {
    for (const awayMinutes of [2, 4, 6, 10, 45]) {
      const s = new WorkingHours(timing, start);
      let lastInputAt = start + startsAtMinute * MINUTE;
      s.runUntil(lastInputAt);
      // A routine started before leaving ends with a click on Done: that click is the last input.
      if (s.completeAt !== null) {
        lastInputAt = s.completeAt;
        s.runUntil(lastInputAt);
      }
      const idleReportAt = lastInputAt + timing.idleDetectionMs;
      s.userAway = true;
      s.runUntil(idleReportAt);
      const alarmsBefore = s.clock.alarms;
      s.clock.send({ type: 'activity', activity: 'idle' });
      const backAt = Math.max(lastInputAt + awayMinutes * MINUTE, idleReportAt);
      s.runUntil(backAt);
      const alarms = s.clock.alarms - alarmsBefore;
      // The 'active' report on return is caused by the user's input: not counted.
      awaySpells.push({ label: `last input ${(lastInputAt - start) / MINUTE} min after the first cycle began, away ${awayMinutes} min`, awayMinutes, idleReports: 1, alarms, wakes: 1 + alarms });
    }
  }

  const alarmsPerCycle = sim.clock.alarms / breakCycles;
  return {
    settings: {
      workMinutes: settings.workMinutes,
      headsUpSeconds: settings.headsUpSeconds,
      breakSeconds: settings.breakSeconds,
      naturalBreakMinutes: settings.naturalBreakMinutes,
      badgeMinutes: DEFAULT_SETTINGS.badgeMinutes,
    },
    simulatedHours: hours,
    breakCycles,
    alarmsPerCycle: Math.round(alarmsPerCycle * 100) / 100,
    alarmsPerWorkingHour: Math.round((sim.clock.alarms / hours) * 100) / 100,
    badgeAlarmsPerHour: DEFAULT_SETTINGS.badgeMinutes ? 60 : 0,
    awaySpells: worstFirst(awaySpells),
    maxWakesPerAwaySpell: Math.max(...awaySpells.map((a) => a.wakes)),
  };
}

/** The spells costing the most wake-ups first, and only a few of each count, to keep results.json readable. */
function worstFirst(spells: CoreWakeFigures['awaySpells']): CoreWakeFigures['awaySpells'] {
  const sorted = [...spells].sort((a, b) => b.wakes - a.wakes);
  const byWakes = new Map<number, CoreWakeFigures['awaySpells']>();
  for (const spell of sorted) byWakes.set(spell.wakes, [...(byWakes.get(spell.wakes) ?? []), spell]);
  return [...byWakes.values()].flatMap((group) => group.slice(0, 3).map((spell) => ({ ...spell, label: `${spell.label} (${group.length} of ${spells.length} placements cost ${spell.wakes})` })));
}

export interface HeldCallFigures {
  /** `unhunch:next` firings from the break falling due during the call until it shows. */
  alarms: number;
  /** How long after falling due the break showed (null: not within three hours). */
  shownAfterMs: number | null;
}

/**
 * A break falling due during a call that goes on `callMinutes` after that, at the default settings
 * (holding for at most 60 min): detected by the background's looks (`manual` false: a signal at
 * every alarm while the call lasts) or the person's own "I'm in a call" until the call ends.
 */
export function simulateHeldCall(callMinutes: number, manual: boolean): HeldCallFigures {
  const timing = timingFrom(DEFAULT_SETTINGS, null);
  const T0 = Date.UTC(2026, 10, 25, 9);
  const sim = new SimClock(timing, T0);
  sim.send({ type: 'worker:started' });
  if (manual) sim.send({ type: 'user:call', until: T0 + timing.workMs + callMinutes * MINUTE });
  const dueAt = T0 + timing.workMs;
  const callEndsAt = dueAt + callMinutes * MINUTE;
  let alarms = 0;
  let shownAfterMs: number | null = null;
  sim.onStep = ({ event, effects }) => {
    if (event.type !== 'alarm' || shownAfterMs !== null) return;
    if (sim.now > dueAt) alarms += 1;
    if (effects.some((e) => e.type === 'present-break')) shownAfterMs = sim.now - dueAt;
  };
  // Each alarm looks for the call, and finds it while the call lasts (the person's own word needs no looking).
  sim.callSignal = !manual;
  sim.at(callEndsAt, () => {
    sim.callSignal = false;
  });
  sim.runUntil(dueAt + 3 * 60 * MINUTE - 1);
  return { alarms, shownAfterMs };
}
