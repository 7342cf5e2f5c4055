// The background's notifications: their ids and their look (the heads-up itself: heads-up.ts).

import { browser } from '../platform/browser';

export const HEADS_UP_NOTIFICATION = 'unhunch:heads-up';
export const BREAK_NOTIFICATION = 'unhunch:break';
/** Indexes of the break notification's buttons (Chrome only; Firefox shows no buttons). */
export const NOTIFICATION_BUTTON = { start: 0, snooze: 1 } as const;

/** A plain notification with our icon: all Firefox shows, and what Chrome's break notification adds its buttons to. */
export function basicNotification(title: string, message: string) {
  return { type: 'basic' as const, iconUrl: browser.runtime.getURL('icons/icon-128.png'), title, message };
}
