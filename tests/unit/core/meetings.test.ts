// "Recognise web meetings": which tabs count as a call (audible or at a room address on a meeting site), and which never do.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEETING_MATCHES, meetingSiteOf, meetingTabInCall } from '../../../src/core/rules/meetings';

describe('meeting sites', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'Google Meet'],
    ['https://us02web.zoom.us/wc/join/81234567890', 'Zoom'],
    ['https://zoom.us/j/81234567890?pwd=x', 'Zoom'],
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0?context=%7b%7d', 'Microsoft Teams'],
    ['https://teams.live.com/meet/9312345678901', 'Microsoft Teams'],
    ['https://app.slack.com/huddle/T0123/C0456', 'Slack huddles'],
    ['https://whereby.com/team-standup', 'Whereby'],
    ['https://meet.jit.si/WeeklyPlanning', 'Jitsi Meet'],
    ['https://acme.webex.com/meet/jane.doe', 'Webex'],
  ])('a room address counts as a call even while silent: %s', (url, name) => {
    expect(meetingSiteOf(url)?.name).toBe(name);
    expect(meetingTabInCall({ url, audible: false })).toBe(true);
  });

  it.each([
    'https://meet.google.com/',
    'https://meet.google.com/landing',
    'https://zoom.us/pricing',
    'https://teams.microsoft.com/v2/',
    'https://app.slack.com/client/T0123/C0456',
    'https://whereby.com/user',
    'https://whereby.com/',
    'https://meet.jit.si/',
    'https://acme.webex.com/',
  ])('the app around the call, open all day, counts only while audible: %s', (url) => {
    expect(meetingTabInCall({ url, audible: false })).toBe(false);
    expect(meetingTabInCall({ url, audible: true })).toBe(true);
  });

  it.each([
    'https://example.com/meet/abc-defg-hij',
    'https://evilzoom.us/wc/join/1',
    'https://zoom.us.evil.example/wc/join/1',
    'http://meet.google.com/abc-defg-hij',
    'https://www.youtube.com/watch?v=1',
    'not a url',
    undefined,
  ])('anything else is never a call, audible or not: %s', (url) => {
    expect(meetingTabInCall({ url, audible: true })).toBe(false);
  });

  it('asks for https match patterns of these sites only', () => {
    for (const pattern of MEETING_MATCHES) expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z.]+\/\*$/);
    expect(MEETING_MATCHES).toHaveLength(8);
  });
});

describe('the permission asked for', () => {
  it("is the manifest's optional host permission besides <all_urls>: manifest and core list the same sites", () => {
    const manifest = JSON.parse(fs.readFileSync('manifest.json', 'utf8')) as { optional_host_permissions: string[] };
    expect(manifest.optional_host_permissions.filter((origin) => origin !== '<all_urls>')).toEqual([...MEETING_MATCHES]);
  });
});
