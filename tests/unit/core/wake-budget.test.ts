// The wake-up budget of issue 6, figure 2, on the pure core: deterministic, so asserted here
// (the benchmark reports the same figures from real browsers).
import { describe, expect, it } from 'vitest';
import { simulateCoreWakeUps, simulateHeldCall } from '../../support/simulate';

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
  it('a 60-min held call costs at most one wake-up a minute; the person\'s own word costs one in all', () => {
    const detected = simulateHeldCall(45, false);
    expect(detected.alarms).toBeLessThanOrEqual(46);
    expect(detected.shownAfterMs).toBe(46 * 60_000);
    // At the 60-min limit the break is offered (quietly) with no more than one look a minute.
    expect(simulateHeldCall(90, false).alarms).toBeLessThanOrEqual(60);
    expect(simulateHeldCall(45, true)).toEqual({ alarms: 1, shownAfterMs: 46 * 60_000 });
  });
});
