// "Recognise web meetings" from a click: the opt-in and the meeting sites' permission go together, on and off; a refusal leaves it off.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MEETING_MATCHES } from '../../../src/core/rules/meetings';
import { recogniseMeetings, stopRecognisingMeetings } from '../../../src/ui/MeetingsAccess';

vi.mock('../../../src/platform/browser', () => ({ browser: fakeBrowser }));

const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
const optIn = async () => (await fakeBrowser.storage.local.get('recogniseMeetings')).recogniseMeetings;

describe('turning recognition of web meetings on and off', () => {
  let asked: string[][];
  let removed: string[][];

  beforeEach(() => {
    fakeBrowser.reset();
    asked = [];
    removed = [];
    permissions.remove = async ({ origins }: { origins: string[] }) => (removed.push(origins), true);
  });

  const answering = (answer: boolean | Error) => {
    permissions.request = ({ origins }: { origins: string[] }) => {
      asked.push(origins);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    };
  };

  it('asks for the meeting sites only, and is on once they are granted', async () => {
    answering(true);
    expect(await recogniseMeetings()).toBe(true);
    expect(asked).toEqual([[...MEETING_MATCHES]]);
    expect(await optIn()).toBe(true);
  });

  it('stays off when the browser refuses or fails', async () => {
    answering(false);
    expect(await recogniseMeetings()).toBe(false);
    expect(await optIn()).toBe(false);
    answering(new Error('not in a user gesture'));
    await expect(recogniseMeetings()).rejects.toThrow('user gesture');
    expect(await optIn()).toBe(false);
  });

  it('off gives back the meeting sites only (access to all pages is for breaks over pages)', async () => {
    await fakeBrowser.storage.local.set({ recogniseMeetings: true });
    await stopRecognisingMeetings();
    expect(await optIn()).toBe(false);
    expect(removed).toEqual([[...MEETING_MATCHES]]);
  });
});
