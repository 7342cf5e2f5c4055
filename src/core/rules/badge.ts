// What the toolbar badge says: "!" while a break is due, "☎" while it is held for a call, "❚❚" while paused, else (optionally) minutes to the break.

import { nextBreakAt, type ScheduleState } from './schedule';
import type { Timing } from './timing';

export const HELD_MARK = '☎';

export function badgeText(state: ScheduleState, now: number, timing: Timing, withMinutes: boolean): string {
  if (state.mode.kind === 'due') return state.mode.heldSince !== null ? HELD_MARK : '!';
  if (state.mode.kind === 'paused') return '❚❚';
  if (!withMinutes) return '';
  const dueAt = nextBreakAt(state, now, timing);
  return dueAt === null ? '' : String(Math.max(1, Math.ceil((dueAt - now) / 60_000)));
}
