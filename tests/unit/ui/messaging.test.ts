// A page's request reaches the background even when it comes as an event page suspends: a message that reached nobody is sent again, one that may have acted is not.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/platform/browser', async (importOriginal) => ({ ...(await importOriginal<object>()), browser: fakeBrowser }));
const { request } = await import('../../../src/ui/messaging');

const NOT_DELIVERED = new Error('Could not establish connection. Receiving end does not exist.');

function answers(...outcomes: (Error | unknown)[]) {
  const sendMessage = vi.fn(async () => {
    const next = outcomes.shift();
    if (next instanceof Error) throw next;
    return next;
  });
  (fakeBrowser.runtime as unknown as { sendMessage: typeof sendMessage }).sendMessage = sendMessage;
  return sendMessage;
}

describe('a request from a page', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sent as the background suspends (no receiving end) is sent again, and gets the answer', async () => {
    const sent = answers(NOT_DELIVERED, NOT_DELIVERED, { today: { completed: 1 } });
    await expect(request({ type: 'break:complete', breakId: 3, token: 't' })).resolves.toEqual({ today: { completed: 1 } });
    expect(sent).toHaveBeenCalledTimes(3);
  });

  it('gives up after about two seconds with the same error, so the page can say so', async () => {
    vi.useFakeTimers();
    const sent = answers(...Array.from({ length: 10 }, () => NOT_DELIVERED));
    const asked = request({ type: 'break:get', token: 't' });
    const settled = expect(asked).rejects.toThrow(/Receiving end does not exist/);
    await vi.advanceTimersByTimeAsync(1_850);
    await settled;
    expect(sent).toHaveBeenCalledTimes(5);
  });

  it('is never sent twice when it may have reached the background (any other failure)', async () => {
    const sent = answers(new Error('The message port closed before a response was received.'), { ok: true });
    await expect(request({ type: 'break:skip', breakId: 3, token: 't' })).rejects.toThrow(/port closed/);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});
