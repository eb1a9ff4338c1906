/**
 * sweep.lock: one sweep at a time in a folder. A live holder is refused; a holder that died
 * (kill -9) leaves a stale lock that the next sweep takes over; a holder that stops in any
 * other way removes its lock.
 */
import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  type LockHolder,
  lockSweepFolder,
  SWEEP_LOCK,
  type SweepLock,
} from '../../src/execution/sweep-lock.ts';
import { REPO } from '../helpers.ts';

const held: SweepLock[] = [];
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
});

const folder = () => mkdtempSync(join(tmpdir(), 'aisim-lock-'));
const holderOf = (dir: string): LockHolder =>
  JSON.parse(readFileSync(join(dir, SWEEP_LOCK), 'utf8'));

async function take(dir: string, options: Parameters<typeof lockSweepFolder>[2] = {}) {
  const lock = await lockSweepFolder(dir, dir, options);
  held.push(lock);
  return lock;
}

/** Writes a lock as another process would have left it, touched `ageMs` ago. */
function leaveLock(dir: string, holder: Partial<LockHolder>, ageMs = 0): void {
  const path = join(dir, SWEEP_LOCK);
  const full = {
    pid: 1,
    host: hostname(),
    started: '2026-01-01T00:00:00.000Z',
    token: 'old',
    ...holder,
  };
  writeFileSync(path, `${JSON.stringify(full)}\n`);
  const touched = new Date(Date.now() - ageMs);
  utimesSync(path, touched, touched);
}

/** The pid of a process that has ended. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('the lock of a sweep folder', () => {
  it('holds this process while it runs and is gone once released', async () => {
    const dir = folder();
    const lock = await take(dir);
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(join(dir, SWEEP_LOCK))).toBe(false);
    lock.release();
  });

  it('refuses a second sweep while the first holds the folder, naming the holder', async () => {
    const dir = folder();
    await take(dir);
    const second = lockSweepFolder(dir, 'results/x-sweep');
    await expect(second).rejects.toThrow(InputError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `^results/x-sweep: is in use by another aisim sweep \\(pid ${process.pid}, started `,
      ),
    );
    expect(holderOf(dir).pid).toBe(process.pid);
  });

  it('refuses while another live process on this machine holds it', async () => {
    const dir = folder();
    leaveLock(dir, { pid: process.ppid });
    await expect(take(dir)).rejects.toThrow(`pid ${process.ppid}`);
    expect(holderOf(dir).pid).toBe(process.ppid);
  });

  it('takes over the lock of a process that died, at once', async () => {
    const dir = folder();
    leaveLock(dir, { pid: await deadPid() });
    await take(dir);
    expect(holderOf(dir).pid).toBe(process.pid);
  });

  it('takes over a lock with its own pid that it does not hold (a restarted container)', async () => {
    const dir = folder();
    leaveLock(dir, { pid: process.pid, token: 'from-before-the-restart' });
    await take(dir);
    expect(holderOf(dir).token).not.toBe('from-before-the-restart');
  });

  it("takes over another machine's lock once it has gone untouched for staleMs", async () => {
    // Stale for minutes already: taken at once (a taker that waited out staleMs again would
    // outlast the test's time limit).
    const old = folder();
    leaveLock(old, { host: 'elsewhere' }, 20 * 60_000);
    await take(old, { staleMs: 10 * 60_000 });
    expect(holderOf(old).host).toBe(hostname());

    // Fresh: taken only once staleMs has passed since it was last touched, by the clock that
    // stamps it.
    const fresh = folder();
    leaveLock(fresh, { host: 'elsewhere' });
    const touchedMs = statSync(join(fresh, SWEEP_LOCK)).mtimeMs;
    await take(fresh, { staleMs: 600 });
    expect(Date.now() - touchedMs).toBeGreaterThanOrEqual(600);
    expect(holderOf(fresh).host).toBe(hostname());
  });

  it("refuses another machine's lock that its holder keeps touching", async () => {
    const dir = folder();
    await take(dir, { host: 'node-a', heartbeatMs: 50 });
    // staleMs far beyond the heartbeat: the holder touches its lock long before it could go
    // stale, however slowly this process runs.
    await expect(take(dir, { host: 'node-b', staleMs: 10 * 60_000 })).rejects.toThrow(
      /is in use by another aisim sweep \(pid \d+ on node-a, started /,
    );
  });

  it('treats a lock it cannot read like one from another machine', async () => {
    const dir = folder();
    writeFileSync(join(dir, SWEEP_LOCK), '');
    await take(dir, { staleMs: 300 });
    expect(holderOf(dir).pid).toBe(process.pid);
  });

  it('leaves a lock that is no longer its own when released', async () => {
    const dir = folder();
    const lock = await take(dir);
    leaveLock(dir, { pid: process.ppid, token: 'theirs' });
    lock.release();
    expect(holderOf(dir).token).toBe('theirs');
  });

  it('is removed when the process exits on an error or through process.exit', async () => {
    const exitWith = (code: string) =>
      new Promise<{ dir: string; status: number | null }>((resolve) => {
        const dir = folder();
        const script = `import { lockSweepFolder } from ${JSON.stringify(join(REPO, 'src/execution/sweep-lock.ts'))};
await lockSweepFolder(${JSON.stringify(dir)});
${code}`;
        execFile(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', script],
          { cwd: REPO },
          (error) => resolve({ dir, status: error ? (error.code as number) : 0 }),
        );
      });
    const [exited, failed] = await Promise.all([
      exitWith('process.exit(130);'),
      exitWith("throw new Error('a bug');"),
    ]);
    expect(exited.status).toBe(130);
    expect(failed.status).toBe(1);
    for (const { dir } of [exited, failed]) expect(existsSync(join(dir, SWEEP_LOCK))).toBe(false);
  });
});
