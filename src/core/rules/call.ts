// Call signals: what tells the scheduler the person is in a call, a meeting or a presentation.
//
// A call is presence, not absence (README § Scheduling): while a signal is present active time
// keeps counting, no idle spell is a natural break, and a due break is held until the call ends.
// The background looks for signals only when it is awake anyway; this module decides, from what
// the browser answered, whether any is there.

/** The manual hold's lengths offered in the popup, in minutes; null is "until I end it". */
export const MANUAL_CALL_MINUTES = [30, 60, 90] as const;
export type ManualCallMinutes = (typeof MANUAL_CALL_MINUTES)[number] | null;

export function isManualCallMinutes(v: unknown): v is ManualCallMinutes {
  return v === null || (MANUAL_CALL_MINUTES as readonly unknown[]).includes(v);
}

/**
 * How long a call must have been gone before the held break shows, and how often a held break
 * looks again: long enough to hang up and close the meeting window, short enough to feel prompt.
 */
export const CALL_SETTLE_MS = 60_000;

/** What the browser says about its focused window: enough to tell a fullscreen one. */
export interface WindowFacts {
  focused?: boolean;
  state?: string;
}

/** What Firefox says about a tab (`tabs.Tab.sharingState`); Chrome has no such field. */
export interface TabFacts {
  sharingState?: { camera?: boolean; microphone?: boolean; screen?: string | boolean };
}

/** The focused window shows something fullscreen (slides, a video): today's do-not-disturb, folded into the hold. */
export function isFullscreenWindow(window: WindowFacts | null | undefined): boolean {
  return window?.focused === true && window.state === 'fullscreen';
}

/**
 * Whether a tab uses the camera, the microphone (muted or not: the call goes on) or shares the
 * screen, a window or a tab. The tabs come from Firefox's `tabs.query({ camera: true })` and its
 * siblings, which already filter, so a tab without `sharingState` still counts.
 */
export function tabIsInCall(tab: TabFacts): boolean {
  const sharing = tab.sharingState;
  if (!sharing) return true;
  return sharing.camera === true || sharing.microphone === true || (sharing.screen !== undefined && sharing.screen !== false);
}

/** The queries Firefox answers about tabs capturing media; Chrome rejects them (unknown keys), which counts as none. */
export const MEDIA_TAB_QUERIES = [{ camera: true }, { microphone: true }, { screen: true }] as const;
