// Typed requests from a page to the background.
import { browser } from '../platform/browser';
import type { Request, Response } from '../core/contracts/messages';

/**
 * The message reached no background at all: Firefox's event page in the moment it suspends, or a
 * worker the browser is still starting, drops it with this error. Nothing was done, so asking
 * again is safe; any other failure (a listener that threw, a port closed after the message
 * arrived) is not retried, since the request may have taken effect.
 */
const NOT_DELIVERED = /Receiving end does not exist|Could not establish connection/i;
/** Waits before each new attempt: about two seconds in all, longer than a background takes to start. */
const RETRY_DELAYS_MS = [100, 250, 500, 1_000] as const;

export async function request<R extends Request>(message: R): Promise<Response<R>> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await browser.runtime.sendMessage(message)) as Response<R>;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !NOT_DELIVERED.test(error instanceof Error ? error.message : String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
