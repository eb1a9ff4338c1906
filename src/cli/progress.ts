/**
 * A progress line on stderr for long work: done / total, rate and time left. Drawn only when
 * stderr is a terminal (and never in CI logs or pipes); silent otherwise.
 */
import type { RunObserver } from '../execution/seeds.ts';

export interface Progress {
  /** Marks `count` more units done. */
  tick(count?: number): void;
  /** Clears the line. */
  finish(): void;
}

const SILENT: Progress = { tick() {}, finish() {} };

export function progressBar(label: string, total: number, unit = 'runs'): Progress {
  const stream = process.stderr;
  if (!stream.isTTY || total <= 0) return SILENT;
  const started = performance.now();
  let done = 0;
  let drawnAt = 0;
  const draw = (force: boolean) => {
    const now = performance.now();
    if (!force && now - drawnAt < 100) return;
    drawnAt = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (total - done) / rate : Number.NaN;
    const width = 24;
    const filled = Math.round((done / total) * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const eta = Number.isFinite(left) ? `${formatDuration(left)} left` : '';
    stream.write(`\r${label} [${bar}] ${done}/${total} ${unit}, ${rate.toFixed(1)}/s ${eta}\x1b[K`);
  };
  return {
    tick(count = 1) {
      done = Math.min(total, done + count);
      draw(done === total);
    },
    finish() {
      stream.write('\r\x1b[K');
    },
  };
}

/**
 * The progress line of a library call that reports its runs to an observer (a batch, a
 * validation, a sweep): drawn from the observer's `start`, cleared by `finish` (a no-op before
 * `start`).
 */
export function progressObserver(label: string): RunObserver & Pick<Progress, 'finish'> {
  let progress: Progress | undefined;
  return {
    start(runs) {
      progress = progressBar(label, runs);
    },
    run() {
      progress?.tick();
    },
    finish() {
      progress?.finish();
    },
  };
}

/** Formats a time left as "42s", "3m05s" or "2h07m"; whole seconds are rounded up first, then split. */
export function formatDuration(seconds: number): string {
  const total = Math.ceil(seconds);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
