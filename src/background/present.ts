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
import { savePresentation, type Snapshot } from './storage';
import { notificationSurface } from './surfaces/notification';
import { overlaySurface } from './surfaces/overlay';
import { findUser, newSurfaceToken, type BreakSurface } from './surfaces/surface';
import { windowSurface } from './surfaces/window';

/** In order of preference; the window, last, always shows. */
const SURFACES: readonly BreakSurface[] = [notificationSurface, overlaySurface, windowSurface];

/**
 * How long a tab that closes or navigates takes to settle: it refuses scripts meanwhile, and the
 * tab that takes a closed one's place is active only after it; where the user is is looked for
 * again after this. A quarter second is enough in both browsers' e2e tests of a closed, a
 * navigated and a reloaded tab, and too short to notice.
 */
const TAB_SETTLE_MS = 250;

export function surfaceOf(presentation: Presentation): BreakSurface {
  return SURFACES.find((surface) => surface.kind === presentation.surface)!;
}

// Each of these is given the snapshot after the step, with where the break shows now
// (`snapshot.presentation`), by a caller in the scheduler's queue: none reads storage, so nothing
// between the alarm and the paint reads it twice. Each returns where the break shows after: the
// very presentation it was given when it recorded nothing, else the one it recorded.

/** Shows the break where the user is, keeping a surface that still works and removing any other. */
export async function presentBreak(breakId: number, snapshot: Snapshot, askedFrom: AskedFrom | null = null): Promise<Presentation> {
  const current = snapshot.presentation;
  let where = await findUser(askedFrom);
  // A click on the notification came from another program: the window the break shows in comes forward.
  if (askedFrom?.kind === 'notification' && where.kind === 'browser' && where.window?.id !== undefined && where.window.focused === false) {
    await browser.windows.update(where.window.id, { focused: true }).catch(ignoreFailure);
  }
  await clearHeadsUp();
  if (current) {
    const verdict = await surfaceOf(current).keeps(current, breakId, where, snapshot);
    if (verdict === 'keep') {
      if (current.breakId === breakId) return current;
      const kept = { ...current, breakId };
      await savePresentation(kept);
      return kept;
    }
    if (verdict === 'look-again') {
      await pause(TAB_SETTLE_MS);
      where = await findUser(askedFrom);
    }
  }
  const token = newSurfaceToken();
  let next: Presentation | null = null;
  for (const surface of SURFACES) if ((next = await surface.show(breakId, where, snapshot, token))) break;
  return replaceSurface(current, next!);
}

/** Records where the break shows now, then takes down the surface it showed on before, if that was another. */
async function replaceSurface(current: Presentation | null, next: Presentation): Promise<Presentation> {
  await savePresentation(next);
  if (current && !sameSurface(current, next)) await surfaceOf(current).takeDown(current);
  return next;
}

/** Tells every surface the break is over; each closes itself unless it shows the Done screen. */
export async function dismissBreak(breakId: number, outcome: BreakOutcome, snapshot: Snapshot): Promise<Presentation | null> {
  const message: Broadcast = { type: 'break:resolved', breakId, outcome };
  // Rejects when no page is listening, which is fine: then there is nothing to close.
  await browser.runtime.sendMessage(message).catch(ignoreFailure);
  const current = snapshot.presentation;
  const resolved = current?.breakId === breakId;
  if (resolved) {
    // A completed break keeps its surface: it shows the Done screen until the user closes it.
    if (outcome !== 'completed') await surfaceOf(current).takeDown(current);
    await savePresentation(null);
  }
  await browser.notifications.clear(BREAK_NOTIFICATION).catch(ignoreFailure);
  await clearHeadsUp();
  return resolved ? null : current;
}

/**
 * A break held for a call up to the limit, the call still going on: offered as a notification
 * without sound, never over the screen a call may be sharing (the break window only if the
 * browser can't notify).
 */
export async function presentBreakQuietly(breakId: number, snapshot: Snapshot): Promise<Presentation> {
  const token = newSurfaceToken();
  const away = { kind: 'away', anchor: null } as const;
  const next = (await notificationSurface.show(breakId, away, snapshot, token)) ?? (await windowSurface.show(breakId, away, snapshot, token));
  return replaceSurface(snapshot.presentation, next!);
}

/** A shown break is held for a call: its surface goes, with nothing left to follow it. */
export async function withdrawBreak(breakId: number, snapshot: Snapshot): Promise<Presentation | null> {
  const current = snapshot.presentation;
  if (current?.breakId !== breakId) return current;
  await savePresentation(null);
  await surfaceOf(current).takeDown(current);
  await clearHeadsUp();
  return null;
}
