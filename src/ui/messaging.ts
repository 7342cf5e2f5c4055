// Typed requests from a page to the background.
import { browser } from '../platform/browser';
import type { Request, Response } from '../core/messages';

export function request<R extends Request>(message: R): Promise<Response<R>> {
  return browser.runtime.sendMessage(message) as Promise<Response<R>>;
}
