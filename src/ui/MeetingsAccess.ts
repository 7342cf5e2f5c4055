// "Recognise web meetings": the person's opt-in and the meeting sites' host permission, asked for together.
import { useEffect, useState } from 'preact/hooks';
import { MEETING_MATCHES, readMeetingsOptIn } from '../core/rules/meetings';
import { MEETINGS_OPT_IN_KEY } from '../core/contracts/storage-keys';
import { browser } from '../platform/browser';

/** The meeting sites only (manifest `optional_host_permissions` lists the same patterns; a unit test keeps them equal). */
export const MEETING_ORIGINS = { origins: [...MEETING_MATCHES] };

/**
 * Whether meetings are recognised (null until known): on only with both the person's word and the
 * permission, since access to all pages (for breaks over pages) covers these sites too.
 */
export function useMeetingsRecognition(): [boolean | null, (on: boolean) => void] {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void Promise.all([browser.storage.local.get(MEETINGS_OPT_IN_KEY), browser.permissions.contains(MEETING_ORIGINS)]).then(
      ([stored, granted]) => setOn(readMeetingsOptIn(stored[MEETINGS_OPT_IN_KEY]) && granted),
      () => setOn(false),
    );
  }, []);
  return [on, setOn];
}

/**
 * Asks for the sites; must be called straight from a click (browsers grant permissions only inside
 * a user gesture). The opt-in is written at the click too, not after the answer: Firefox may close
 * the toolbar popup while its prompt is up, and the answer would then reach no one. A refusal
 * or a failure turns it back off where the answer arrives; without the permission the background
 * asks nothing.
 */
export function recogniseMeetings(): Promise<boolean> {
  const answer = browser.permissions.request(MEETING_ORIGINS);
  void browser.storage.local.set({ [MEETINGS_OPT_IN_KEY]: true });
  const turnOff = () => browser.storage.local.set({ [MEETINGS_OPT_IN_KEY]: false });
  return answer.then(
    async (granted) => {
      if (!granted) await turnOff();
      return granted;
    },
    async (error: unknown) => {
      await turnOff();
      throw error;
    },
  );
}

/** Off: the opt-in and the sites' permission go; access to all pages, if granted, stays (it is for breaks over pages). */
export async function stopRecognisingMeetings(): Promise<void> {
  await browser.storage.local.set({ [MEETINGS_OPT_IN_KEY]: false });
  await browser.permissions.remove(MEETING_ORIGINS).catch(() => false);
}
