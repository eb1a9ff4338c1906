import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  FLAGSHIP_PRICES,
  GPT35_LEVEL_PRICES,
  OPEN_GAP,
  SMALL_MODEL_PRICES,
} from '../../src/analysis/observations.ts';
import { writeReport } from '../../src/report/report.ts';
import { writeSmallRun } from './fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: no Chromium at ${CHROMIUM}`);

/** The little of the DOM the page check uses: the test is compiled without the DOM library. */
interface PageElement {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getBoundingClientRect(): { width: number; height: number };
}

/** What each chart drew: data marks with an area on screen, and observed points. */
interface Drawn {
  readonly visibleMarks: number;
  readonly symbols: number;
}

describe.skipIf(!hasChromium)(`the run report in Chromium (${CHROMIUM})`, () => {
  it('draws every chart, logs no error and requests nothing but itself', async () => {
    const { folder } = await writeSmallRun();
    const file = await writeReport(folder);
    const url = pathToFileURL(file).href;

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(url, { waitUntil: 'load' });

      const drawn: Drawn[] = await page.evaluate(() => {
        const { document } = globalThis as unknown as { document: PageElement };
        return Array.from(document.querySelectorAll('figure > svg'), (svg) => {
          // Vega's data marks are children of `g.role-mark`; axes, legends and titles have other roles.
          const shapes = Array.from(svg.querySelectorAll('g.role-mark > path, g.role-mark > rect'));
          const visible = shapes.filter((shape) => {
            const box = shape.getBoundingClientRect();
            return box.width > 5 && box.height > 5;
          });
          return {
            visibleMarks: visible.length,
            symbols: svg.querySelectorAll('g.mark-symbol.role-mark > path').length,
          };
        });
      });
      expect(drawn).toHaveLength(5);
      for (const [index, chart] of drawn.entries())
        expect(chart.visibleMarks, `chart ${index + 1}`).toBeGreaterThan(0);
      // Prices at the GPT-3.5 level and of a small model; the open-closed gap; flagship prices.
      expect(drawn.slice(0, 3).map((chart) => chart.symbols)).toEqual([
        GPT35_LEVEL_PRICES.length + SMALL_MODEL_PRICES.length,
        OPEN_GAP.length,
        FLAGSHIP_PRICES.length,
      ]);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const screenshot = join(mkdtempSync(join(tmpdir(), 'aisim-shot-')), 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(existsSync(screenshot)).toBe(true);
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(readFileSync(screenshot).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      console.info(`report screenshot: ${screenshot}`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
