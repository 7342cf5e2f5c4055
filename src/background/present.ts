// Shows the pending break on exactly one surface, the first of these that can serve where the user is, and takes it away.
//
// Each surface is one module (surfaces/): the notification when the user is in another program,
// the overlay over the active tab, else the break window. A new surface is a module of its own
// plus its place in SURFACES.

import type { Broadcast } from '../core/contracts/messages';
import { sameSurface, type AskedFrom, type Presentation } from '../core/rules/presentation';
import type { BreakOutcome } from '../core/rules/schedule';
import { browser, ignoreFailure } from '../platform/browser';
import { BREAK_NOTIFICATION } from './notifications';
import { clearHeadsUp } from './heads-up';
import { pause } from './pause';
import { loadSnapshot, savePresentation } from './storage';
import { notificationSurface } from './surfaces/notification';
import { overlaySurface } from './surfaces/overlay';
import { findUser, newSurfaceToken, type BreakSurface } from './surfaces/surface';
import { windowSurface } from './surfaces/window';

/** In order of preference; the window, last, always shows. */
const SURFACES: readonly BreakSurface[] = [notificationSurface, overlaySurface, windowSurface];

/** A tab that is closing or navigating refuses scripts for a moment; look again after this. */
const TAB_SETTLE_MS = 250;

export function surfaceOf(presentation: Presentation): BreakSurface {
  return SURFACES.find((surface) => surface.kind === presentation.surface)!;
}

/**
 * Shows the break where the user is, keeping a surface that still works and removing any other.
 * `previous` is the scheduler's copy; what storage says now wins (another event may have moved it).
 */
export async function presentBreak(breakId: number, previous: Presentation | null, askedFrom: AskedFrom | null = null): Promise<void> {
  const snapshot = await loadSnapshot(Date.now());
  const current = snapshot.presentation ?? previous;
  let where = await findUser(askedFrom);
  // A click on the notification came from another program: the window the break shows in comes forward.
  if (askedFrom?.kind === 'notification' && where.kind === 'browser' && where.window?.id !== undefined && where.window.focused === false) {
    await browser.windows.update(where.window.id, { focused: true }).catch(ignoreFailure);
  }
  await clearHeadsUp();
  if (current) {
    const verdict = await surfaceOf(current).keeps(current, breakId, where, snapshot);
    if (verdict === 'keep') {
      if (current.breakId !== breakId) await savePresentation({ ...current, breakId });
      return;
    }
    if (verdict === 'look-again') {
      await pause(TAB_SETTLE_MS);
      where = await findUser(askedFrom);
    }
  }
  const token = newSurfaceToken();
  let next: Presentation | null = null;
  for (const surface of SURFACES) if ((next = await surface.show(breakId, where, snapshot, token))) break;
  await replaceSurface(current, next!);
}

/** Records where the break shows now, then takes down the surface it showed on before, if that was another. */
async function replaceSurface(current: Presentation | null, next: Presentation): Promise<void> {
  await savePresentation(next);
  if (current && !sameSurface(current, next)) await surfaceOf(current).takeDown(current);
}

/** Tells every surface the break is over; each closes itself unless it shows the Done screen. */
export async function dismissBreak(breakId: number, outcome: BreakOutcome, presentation: Presentation | null): Promise<void> {
  const message: Broadcast = { type: 'break:resolved', breakId, outcome };
  // Rejects when no page is listening, which is fine: then there is nothing to close.
  await browser.runtime.sendMessage(message).catch(ignoreFailure);
  const current = (await loadSnapshot(Date.now())).presentation ?? presentation;
  if (current?.breakId === breakId) {
    // A completed break keeps its surface: it shows the Done screen until the user closes it.
    if (outcome !== 'completed') await surfaceOf(current).takeDown(current);
    await savePresentation(null);
  }
  await browser.notifications.clear(BREAK_NOTIFICATION).catch(ignoreFailure);
  await clearHeadsUp();
}

/**
 * A break held for a call up to the limit, the call still going on: offered as a notification
 * without sound, never over the screen a call may be sharing (the break window only if the
 * browser can't notify).
 */
export async function presentBreakQuietly(breakId: number, previous: Presentation | null): Promise<void> {
  const snapshot = await loadSnapshot(Date.now());
  const current = snapshot.presentation ?? previous;
  const token = newSurfaceToken();
  const away = { kind: 'away', anchor: null } as const;
  const next = (await notificationSurface.show(breakId, away, snapshot, token)) ?? (await windowSurface.show(breakId, away, snapshot, token));
  await replaceSurface(current, next!);
}

/** A shown break is held for a call: its surface goes, with nothing left to follow it. */
export async function withdrawBreak(breakId: number, previous: Presentation | null): Promise<void> {
  const current = (await loadSnapshot(Date.now())).presentation ?? previous;
  if (current?.breakId !== breakId) return;
  await savePresentation(null);
  await surfaceOf(current).takeDown(current);
  await clearHeadsUp();
}
