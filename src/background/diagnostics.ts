// Development installs count what woke the background, so `npm run bench` can measure wake-ups.

import { browser, ignoreFailure } from '../platform/browser';
import { isDevelopmentInstall } from './storage';
import { DIAGNOSTICS_KEY } from '../core/contracts/storage-keys';


export type WakeCause = 'worker-start' | 'alarm' | 'badge-alarm' | 'notification-recheck' | 'idle' | 'command';

interface Diagnostics {
  wakes: Partial<Record<WakeCause, number>>;
}

let pending: Promise<void> = Promise.resolve();

/** Store installs never write this; for development installs it is one small counter per event. */
export function countWake(cause: WakeCause): void {
  pending = pending.then(async () => {
    if (!(await isDevelopmentInstall())) return;
    const stored = (await browser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY] as Diagnostics | undefined;
    const wakes = { ...(stored?.wakes ?? {}) };
    wakes[cause] = (wakes[cause] ?? 0) + 1;
    await browser.storage.local.set({ [DIAGNOSTICS_KEY]: { wakes } });
  }).catch(ignoreFailure);
}
