/**
 * One sweep at a time in a folder: `sweep.lock`, created with O_EXCL ('wx'), names the process
 * that holds the folder (pid, machine, start time, a random token). A second `aisim sweep` on
 * the folder is refused while the holder lives; the holder removes the lock when it stops
 * (normally, on an error, on Ctrl-C, on process.exit). A holder killed with kill -9 leaves its
 * lock behind, and the next sweep takes it over once it is shown to be stale:
 * - on the same machine, when no process has its pid (or the pid is our own and the lock is not
 *   one this process holds: a container restarted on the same volume reuses its pids);
 * - from another machine, whose pids we cannot see, when it has not been touched for
 *   `staleMs`: the holder touches it every `heartbeatMs`. A fresh one is watched until it is
 *   touched again (its holder lives: refused) or goes stale (taken over), so a retried pod or a
 *   requeued Slurm task resumes after at most `staleMs`.
 *
 * @example
 * const lock = await lockSweepFolder('results/uncertain-baseline-sweep');
 * try { ... } finally { lock.release(); }
 */
import { randomBytes } from 'node:crypto';
import {
  linkSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../errors.ts';

export const SWEEP_LOCK = 'sweep.lock';

/** Tokens of the locks this process holds: a lock with our pid and another token is stale. */
const heldHere = new Set<string>();

/** What sweep.lock holds, as one line of JSON. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lock (ISO 8601). */
  readonly started: string;
  readonly token: string;
}

export interface LockOptions {
  /** How often the holder touches its lock, ms. Default 10 s. */
  readonly heartbeatMs?: number;
  /** How long a lock from another machine may go untouched before it is stale, ms. Default 60 s. */
  readonly staleMs?: number;
  /** This machine's name. Default `os.hostname()`. */
  readonly host?: string;
}

export interface SweepLock {
  readonly path: string;
  /** Removes the lock if it is still ours; safe to call more than once. */
  release(): void;
}

/** Takes the folder's lock (the folder must exist); a live holder is an InputError naming it. */
export async function lockSweepFolder(
  folder: string,
  shown = folder,
  options: LockOptions = {},
): Promise<SweepLock> {
  const path = join(folder, SWEEP_LOCK);
  const host = options.host ?? hostname();
  const staleMs = options.staleMs ?? 60_000;
  const me: LockHolder = {
    pid: process.pid,
    host,
    started: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(me)}\n`;
  // Each pass either takes the lock, or finds a holder that lives (refused) or a stale lock,
  // which it sets aside before trying again; a few passes settle any race between takers.
  for (let pass = 0; pass < 5; pass++) {
    if (create(path, text)) return hold(path, me.token, text, options.heartbeatMs ?? 10_000);
    const found = look(path);
    if (found === undefined) continue;
    if (await lives(found, path, host, staleMs)) throw refusal(shown, found.holder, host);
    setAside(path, found.text, shown, host);
  }
  throw new InputError(shown, '', `could not take ${SWEEP_LOCK}: other sweeps keep taking it`);
}

/**
 * Refuses, without waiting or writing, a folder whose lock's holder evidently lives: a process
 * of this machine that runs, or another machine's lock touched within `staleMs`. Lets a refusal
 * name the folder's use before any other reason (a plain second sweep is told the folder is in
 * use, not to add --resume); `lockSweepFolder` stays the check that counts.
 */
export function refuseSweepFolderInUse(
  folder: string,
  shown = folder,
  options: LockOptions = {},
): void {
  const found = look(join(folder, SWEEP_LOCK));
  if (found?.holder === undefined) return;
  const host = options.host ?? hostname();
  const { holder } = found;
  const alive =
    holder.host === host
      ? holder.pid === process.pid
        ? heldHere.has(holder.token)
        : processExists(holder.pid)
      : Date.now() - found.touchedMs < (options.staleMs ?? 60_000);
  if (alive) throw refusal(shown, holder, host);
}

function create(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

interface Found {
  readonly text: string;
  /** Undefined when the lock cannot be read as a holder (being written, or torn by a crash). */
  readonly holder: LockHolder | undefined;
  readonly touchedMs: number;
}

/** The lock as it is now, or undefined when there is none. */
function look(path: string): Found | undefined {
  try {
    const touchedMs = statSync(path).mtimeMs;
    const text = readFileSync(path, 'utf8');
    return { text, holder: parseHolder(text), touchedMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder> | null;
    return Number.isSafeInteger(holder?.pid) && typeof holder?.host === 'string'
      ? (holder as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's holder still runs (see the file comment). */
async function lives(found: Found, path: string, host: string, staleMs: number): Promise<boolean> {
  const { holder } = found;
  if (holder?.host === host) {
    return holder.pid === process.pid ? heldHere.has(holder.token) : processExists(holder.pid);
  }
  // Another machine's lock, or one we cannot read: alive while it is touched.
  for (;;) {
    const now = look(path);
    if (now === undefined) return false;
    if (now.touchedMs !== found.touchedMs || now.text !== found.text) return true;
    const untouchedMs = Date.now() - now.touchedMs;
    if (untouchedMs >= staleMs) return false;
    await sleep(Math.min(1000, staleMs - untouchedMs));
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock out of the way, in one rename so that two takers cannot both remove it.
 * If what moved is not the stale lock (another taker replaced it first), it goes back.
 */
function setAside(path: string, staleText: string, shown: string, host: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, path);
    } catch {
      // A third taker holds the lock now: it is theirs.
    }
    rmSync(aside, { force: true });
    throw refusal(shown, parseHolder(moved), host);
  }
  rmSync(aside, { force: true });
}

function refusal(shown: string, holder: LockHolder | undefined, host: string): InputError {
  const who =
    holder === undefined
      ? `its ${SWEEP_LOCK} is being updated`
      : `pid ${holder.pid}${holder.host === host ? '' : ` on ${holder.host}`}, started ${holder.started}`;
  return new InputError(
    shown,
    '',
    `is in use by another aisim sweep (${who}): let it finish or stop it, then --resume continues it`,
  );
}

/** Holds the lock: touches it every `heartbeatMs`, and removes it on release or at exit. */
function hold(path: string, token: string, text: string, heartbeatMs: number): SweepLock {
  heldHere.add(token);
  const ours = () => {
    try {
      return readFileSync(path, 'utf8') === text;
    } catch {
      return false;
    }
  };
  const heartbeat = setInterval(() => {
    if (!ours()) return;
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Gone since we looked: nothing to keep fresh.
    }
  }, heartbeatMs);
  heartbeat.unref();
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    heldHere.delete(token);
    clearInterval(heartbeat);
    process.off('exit', release);
    if (ours()) rmSync(path, { force: true });
  };
  // process.exit (a second Ctrl-C) skips `finally` blocks, not 'exit' listeners.
  process.on('exit', release);
  return { path, release };
}
