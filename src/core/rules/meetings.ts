// "Recognise web meetings" (opt-in): the meeting sites, their room addresses, and when a tab on one counts as a call.
//
// A tab on a meeting site counts only while it plays sound or shows a meeting room: a Teams or
// Slack tab open all day must not hold every break all day. The browser's own word that a tab
// is audible is all Unhunch reads besides the address; nothing runs in these pages.

export interface MeetingSite {
  name: string;
  /** Match patterns: the optional host permission asked for, and the tabs asked about. */
  matches: readonly string[];
  /** Whether an address on the site is a meeting room (the call itself, not the app around it). */
  isRoom(url: URL): boolean;
}

const firstSegment = (url: URL) => url.pathname.split('/')[1] ?? '';

/** Whereby and Jitsi Meet put the room name first in the path; these first segments are their own pages. */
const NOT_ROOMS = new Set(['', 'user', 'information', 'org', 'login', 'signup', 'pricing', 'download', 'static', 'libs', 'css', 'images', 'sounds']);

export const MEETING_SITES: readonly MeetingSite[] = [
  { name: 'Google Meet', matches: ['https://meet.google.com/*'], isRoom: (url) => /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}\/?$/.test(url.pathname) },
  { name: 'Zoom', matches: ['https://*.zoom.us/*'], isRoom: (url) => /^\/(wc|j|s|my)\/./.test(url.pathname) },
  {
    name: 'Microsoft Teams',
    matches: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
    isRoom: (url) => /\/(l\/)?meetup-join\/|\/meet\/|pre-join-calling|meetingjoin=true/.test(url.pathname + url.search + url.hash),
  },
  { name: 'Slack huddles', matches: ['https://app.slack.com/*'], isRoom: (url) => url.pathname.startsWith('/huddle/') },
  { name: 'Whereby', matches: ['https://whereby.com/*'], isRoom: (url) => !NOT_ROOMS.has(firstSegment(url)) && url.pathname.split('/').filter(Boolean).length === 1 },
  { name: 'Jitsi Meet', matches: ['https://meet.jit.si/*'], isRoom: (url) => !NOT_ROOMS.has(firstSegment(url)) && url.pathname.split('/').filter(Boolean).length === 1 },
  { name: 'Webex', matches: ['https://*.webex.com/*'], isRoom: (url) => /\/(meet|join|wbxmjs|webappng)\//.test(url.pathname) },
];

/** Every site's match patterns: the optional host permission "Recognise web meetings" asks for. */
export const MEETING_MATCHES: readonly string[] = MEETING_SITES.flatMap((site) => site.matches);

/** Whether `url` is on a host a match pattern names (`https://*.zoom.us/*` covers zoom.us and its subdomains). */
function matchesHost(url: URL, pattern: string): boolean {
  const host = /^https:\/\/([^/]+)\//.exec(pattern)?.[1];
  if (!host || url.protocol !== 'https:') return false;
  if (host.startsWith('*.')) return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.hostname === host;
}

/** The meeting site `address` is on, or null. */
export function meetingSiteOf(address: string | undefined): MeetingSite | null {
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  return MEETING_SITES.find((site) => site.matches.some((pattern) => matchesHost(url, pattern))) ?? null;
}

/** A tab on a meeting site counts as a call while it is audible or at a meeting-room address. */
export function meetingTabInCall(tab: { url?: string; audible?: boolean }): boolean {
  const site = meetingSiteOf(tab.url);
  if (!site) return false;
  return tab.audible === true || site.isRoom(new URL(tab.url!));
}

/**
 * Whether the person turned "Recognise web meetings" on. Kept apart from the permission itself:
 * access to all pages (for breaks over pages) covers these sites too, and must not turn
 * recognition on by itself. Anything but `true` is off.
 */
export function readMeetingsOptIn(stored: unknown): boolean {
  return stored === true;
}
