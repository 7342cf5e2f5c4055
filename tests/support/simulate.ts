// Wake-ups computed from the pure core: steps simulated working hours at the default settings and
// counts the `unhunch:next` alarm firings (and idle reports) no user action caused.

import { initialScheduleState, step, type Effect, type ScheduleEvent, type ScheduleState } from '../../src/core/rules/schedule';
import { DEFAULT_SETTINGS, readSettings } from '../../src/core/rules/settings-schema';
import { timingFrom, type Timing } from '../../src/core/rules/timing';

const MINUTE = 60_000;

interface Sim {
  state: ScheduleState;
  now: number;
  alarmAt: number | null;
  alarms: number;
  breaks: number;
  /** When the simulated user finishes the routine of the pending break. */
  completeAt: number | null;
  /** While true nobody answers a prompt (the person is away from the screen). */
  userAway: boolean;
}

function newSim(start: number): Sim {
  return { state: initialScheduleState(start), now: start, alarmAt: null, alarms: 0, breaks: 0, completeAt: null, userAway: false };
}

function apply(sim: Sim, event: ScheduleEvent, timing: Timing, breakMs: number): void {
  const { state, effects } = step(sim.state, event, sim.now, timing);
  sim.state = state;
  for (const effect of effects as Effect[]) {
    if (effect.type === 'arm-alarm') sim.alarmAt = effect.at;
    if (effect.type === 'clear-alarm') sim.alarmAt = null;
    if (effect.type === 'present-break' && sim.completeAt === null && !sim.userAway) {
      sim.breaks += 1;
      // The user starts at once and runs the whole routine (a user action: not counted).
      sim.completeAt = sim.now + breakMs;
    }
  }
}

/** Advances to `until`, firing the armed alarm (and completing breaks) on the way. */
function runUntil(sim: Sim, until: number, timing: Timing): void {
  for (;;) {
    const nextAlarm = sim.alarmAt ?? Number.POSITIVE_INFINITY;
    const nextComplete = sim.completeAt ?? Number.POSITIVE_INFINITY;
    const next = Math.min(nextAlarm, nextComplete);
    if (next > until) break;
    sim.now = Math.max(sim.now, next);
    if (next === nextComplete && sim.completeAt !== null) {
      const mode = sim.state.mode;
      sim.completeAt = null;
      if (mode.kind === 'due') {
        apply(sim, { type: 'user:start', breakId: mode.breakId }, timing, timing.breakMs);
        apply(sim, { type: 'user:complete', breakId: mode.breakId }, timing, timing.breakMs);
      }
      continue;
    }
    sim.alarmAt = null;
    sim.alarms += 1;
    apply(sim, { type: 'alarm' }, timing, timing.breakMs);
  }
  sim.now = until;
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

  const sim = newSim(start);
  apply(sim, { type: 'worker:started' }, timing, timing.breakMs);
  runUntil(sim, start + hours * 60 * MINUTE, timing);
  const breakCycles = sim.breaks;

  const awaySpells: CoreWakeFigures['awaySpells'] = [];
  // Away spells beginning every half minute of a cycle, short (still screen time) and long (a natural break).
  for (let startsAtMinute = 1; startsAtMinute <= settings.workMinutes; startsAtMinute += 0.5) {
    for (const awayMinutes of [2, 4, 6, 10, 45]) {
      const s = newSim(start);
      apply(s, { type: 'worker:started' }, timing, timing.breakMs);
      let lastInputAt = start + startsAtMinute * MINUTE;
      runUntil(s, lastInputAt, timing);
      // A routine started before leaving ends with a click on Done: that click is the last input.
      if (s.completeAt !== null) {
        lastInputAt = s.completeAt;
        runUntil(s, lastInputAt, timing);
      }
      const idleReportAt = lastInputAt + timing.idleDetectionMs;
      s.userAway = true;
      runUntil(s, idleReportAt, timing);
      const alarmsBefore = s.alarms;
      apply(s, { type: 'activity', activity: 'idle' }, timing, timing.breakMs);
      const backAt = Math.max(lastInputAt + awayMinutes * MINUTE, idleReportAt);
      runUntil(s, backAt, timing);
      const alarms = s.alarms - alarmsBefore;
      // The 'active' report on return is caused by the user's input: not counted.
      awaySpells.push({ label: `last input ${(lastInputAt - start) / MINUTE} min after the first cycle began, away ${awayMinutes} min`, awayMinutes, idleReports: 1, alarms, wakes: 1 + alarms });
    }
  }

  const alarmsPerCycle = sim.alarms / breakCycles;
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
    alarmsPerWorkingHour: Math.round((sim.alarms / hours) * 100) / 100,
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
  let state: ScheduleState = step(initialScheduleState(T0), { type: 'worker:started' }, T0, timing).state;
  if (manual) state = step(state, { type: 'user:call', until: T0 + timing.workMs + callMinutes * MINUTE }, T0, timing).state;
  const dueAt = T0 + timing.workMs;
  let alarms = 0;
  while (state.alarmAt !== null && state.alarmAt < dueAt + 3 * 60 * MINUTE) {
    const now = state.alarmAt;
    const signal = !manual && now < dueAt + callMinutes * MINUTE;
    const result = step(state, { type: 'alarm' }, now, timing, signal);
    state = result.state;
    if (now > dueAt) alarms += 1;
    if (result.effects.some((e) => e.type === 'present-break')) return { alarms, shownAfterMs: now - dueAt };
  }
  return { alarms, shownAfterMs: null };
}
