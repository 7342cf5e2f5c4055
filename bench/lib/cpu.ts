// CPU time of browser processes, read from /proc (Linux): a whole browser's process tree, or one process of it.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { pid, ppid: Number(fields[1]), cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // The process ended.
  }
}

function allProcesses(): ProcStat[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readStat(Number(name)) ?? []);
}

export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of allProcesses()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const tree: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue = [...queue, ...(children.get(pid) ?? [])];
  }
  return tree;
}

/** CPU time (user + system) each of these processes has used so far. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  return new Map(pids.flatMap((pid) => {
    const stat = readStat(pid);
    return stat ? [[pid, stat.cpuMs] as const] : [];
  }));
}

/** CPU used between two snapshots: a process that started in between counts whole; one that ended in between is lost. */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** The Chromium browser process started on `profileDir` (its children carry no --user-data-dir of their own, or share it). */
export function chromiumBrowserPid(profileDir: string): number {
  const flag = `--user-data-dir=${profileDir}`;
  const matching = allProcesses().filter((p) => commandLine(p.pid).includes(flag));
  const pids = new Set(matching.map((p) => p.pid));
  const root = matching.find((p) => !pids.has(p.ppid));
  if (!root) throw new Error(`no Chromium process runs on ${profileDir}`);
  return root.pid;
}

/** Chromium's extension processes: the renderers started with --extension-process below `browserPid` (none while no extension code runs). */
export function chromiumExtensionPids(browserPid: number): number[] {
  return processTree(browserPid).filter((p) => commandLine(p).includes('--extension-process'));
}
