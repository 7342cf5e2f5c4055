// The overlay's contract: what the background calls in the overlay script it injected, what that script answers, and what the break page in its frame may ask of it.

/** What the overlay script reports after `show(breakId)`. */
export type OverlayStatus = 'shown' | 'hidden' | 'gave-up' | 'missing';
const OVERLAY_STATUSES: ReadonlySet<unknown> = new Set<OverlayStatus>(['shown', 'hidden', 'gave-up', 'missing']);

export function isOverlayStatus(value: unknown): value is OverlayStatus {
  return OVERLAY_STATUSES.has(value);
}

/** Installed by the overlay script in the page's isolated world; the background calls it through `scripting.executeScript({ func })`. */
export interface OverlayApi {
  /**
   * Shows the break (idempotent for the same break) and reports whether the user can see it.
   * `pageQuery` is added to the break page's URL: what the background knows already (the prompt,
   * the theme), so the page paints without first asking for it.
   */
  show(breakId: number, pageQuery?: string): OverlayStatus;
  /** Removes the overlay, if any, and gives focus back to where it was. */
  close(): void;
  /**
   * The background heard nothing from the break page of `breakId` here (it never connected): if
   * this document has shown that break for at least `shownForMs`, removes the overlay, answers
   * 'gave-up' to every later `show(breakId)` in this document and returns true. A document showing
   * it for less time (the tab's new page) or not at all is left alone: false.
   */
  giveUpIfSilent(breakId: number, shownForMs: number): boolean;
}

declare global {
  // Lives in the extension's isolated world, invisible to the page's own scripts.
  var __unhunchOverlayApi: OverlayApi | undefined;
}

/**
 * The attribute that marks the overlay's host: a built-in element (a custom element of ours would
 * let a page that defined the name first reach the closed shadow root through `attachInternals()`).
 * The user-origin stylesheet (extension-paths.ts: OVERLAY_USER_STYLES) names it too.
 */
export const HOST_MARK = 'data-unhunch-break';

/** Posted by the break page to its parent frame, the overlay script, to close the overlay (only our frame's message counts). */
export const OVERLAY_CLOSE = 'unhunch:close';

export function isOverlayClose(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === OVERLAY_CLOSE;
}

/**
 * Posted by the break page to the overlay script when the browser has drawn it covered for about
 * a second (Chrome's IntersectionObserver v2): the overlay gives up as it does without its own
 * proof, and the break moves to its window. Only our frame's message counts.
 */
export const OVERLAY_COVERED = 'unhunch:covered';

export function isOverlayCovered(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === OVERLAY_COVERED;
}

/**
 * Posted by the overlay script into its frame whenever a look finds no proof that the break is
 * seen: the break page takes no input until it has been seen again for a moment. The page could
 * post the same (it only delays input); nothing in the other direction is trusted.
 */
export const OVERLAY_UNPROVEN = 'unhunch:unproven';

export function isOverlayUnproven(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === OVERLAY_UNPROVEN;
}
