// Benchmark of the dashboard in Chromium (issue #6 item 10): the roster of 1,000 patients of one team, and the
// 30-day heart-rate trend of a patient with one reading a minute (43,200 readings, downsampled by the server).
// Real platform in this process, a private influxd, the built dashboard (npm run build:dashboard), Debian's Chromium.
//
//   node test/bench/dashboard-render.bench.ts [--patients 1000] [--days 30] [--runs 7]
//
// Roster: from the start of a navigation to `#/patients` to the table announcing every patient (aria-rowcount) with
// its first rows drawn, as the page's own performance.now() (0 = navigation start); the table is windowed, so only
// the rows in view are in the DOM. Then from setting the roster's scrollTop to its end to the last patient's row.
// Trend: from the click on "30 days" to the chart's canvas and its
// summary for 30 days, in the page's clock. Long tasks (PerformanceObserver 'longtask') and long animation frames
// ('long-animation-frame') are collected by a script added before any page script (addInitScript with a function:
// the dashboard's CSP allows no eval). One warm-up run is discarded; medians of `runs`.
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { AcceptedReading } from '@rpm/contracts';
import type { Page } from 'playwright-core';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD } from '../harness/platform.ts';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '7' },
  },
});
const PATIENTS = Number(args.patients);
const DAYS = Number(args.days);
const RUNS = Number(args.runs);
const WARMUP = 1;
const MINUTE = 60_000;
const WRITE_BATCH = 5_000;
const CREATE_CONCURRENCY = 16;
/** after the page is rendered, how long to keep collecting long tasks (late work of the same render) */
const SETTLE_MS = 500;
const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

interface PerfEntry {
  readonly type: string;
  readonly start: number;
  readonly duration: number;
}
interface RunResult {
  readonly ms: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly longestTaskMs: number;
  readonly longFrames: number;
  readonly longFrameMs: number;
}

/** The page's globals the init script uses (this project's test code has no DOM types). */
interface PageGlobals {
  __benchPerf: PerfEntry[];
  PerformanceObserver: new (callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
}

/** The page's document as the functions run in the page use it (inline: they are sent to the page as source). */
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null; click(): void }>;
  querySelector(selector: string): { readonly textContent: string | null; scrollTop: number; readonly scrollHeight: number } | null;
}

/** Runs in the page before its own scripts: collects long tasks and long animation frames into window.__benchPerf. */
function collectLongTasks(): void {
  const page = globalThis as unknown as PageGlobals;
  const store: PerfEntry[] = [];
  page.__benchPerf = store;
  for (const type of ['longtask', 'long-animation-frame']) {
    try {
      new page.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) store.push({ type, start: entry.startTime, duration: entry.duration });
      }).observe({ type, buffered: true });
    } catch {
      // an entry type this Chromium does not know
    }
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** long tasks and frames that started at or after `since` (page clock) */
async function longWork(page: Page, since: number): Promise<Omit<RunResult, 'ms'>> {
  await page.waitForTimeout(SETTLE_MS);
  const all = await page.evaluate<PerfEntry[]>('window.__benchPerf');
  const entries = all.filter((e) => e.start + e.duration >= since);
  const tasks = entries.filter((e) => e.type === 'longtask');
  const frames = entries.filter((e) => e.type === 'long-animation-frame');
  return {
    longTasks: tasks.length,
    longTaskMs: tasks.reduce((sum, e) => sum + e.duration, 0),
    longestTaskMs: Math.max(0, ...tasks.map((e) => e.duration)),
    longFrames: frames.length,
    longFrameMs: frames.reduce((sum, e) => sum + e.duration, 0),
  };
}

function heartRates(patientId: string, to: number): AcceptedReading[] {
  const out: AcceptedReading[] = [];
  let seq = 0;
  const from = to - DAYS * 1_440 * MINUTE + MINUTE;
  for (let at = from; at <= to; at += MINUTE) {
    const value = Math.round(72 + 10 * Math.sin(at / 3_600_000) + 6 * Math.sin(at / 97_000));
    out.push({ deviceId: 'bench-watch', patientId, seq: ++seq, receivedAt: at + 2_000, reading: { type: 'heart_rate', at, value } });
  }
  return out;
}

const influx = await startInfluxd();
const platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
const browser = await launchChromium();
try {
  // 1,000 patients in one team through the API (no password hashing is involved, so it is quick enough)
  const setupStarted = performance.now();
  const team = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Bench team' });
  const ids: string[] = [];
  for (let i = 0; i < PATIENTS; i += CREATE_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CREATE_CONCURRENCY, PATIENTS - i) }, (_, k) =>
      platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
        name: `Bench patient ${String(i + k + 1).padStart(4, '0')}`,
        teamId: team.id,
      }),
    );
    ids.push(...(await Promise.all(batch)).map((p) => p.id));
  }
  const chartPatient = ids[0];
  if (chartPatient === undefined) throw new Error('no patient created');
  const readings = heartRates(chartPatient, Date.now() - MINUTE);
  for (let i = 0; i < readings.length; i += WRITE_BATCH) await influx.write('rpm', readings.slice(i, i + WRITE_BATCH));
  console.log(
    `set-up: ${fmt(PATIENTS)} patients, ${fmt(readings.length)} heart rates (${DAYS} days × 1/min) in ${fmt(performance.now() - setupStarted)} ms`,
  );

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await context.addInitScript(collectLongTasks);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${platform.httpUrl}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Alert queue' }).waitFor();

  const roster: RunResult[] = [];
  const rosterScroll: RunResult[] = [];
  const chart: RunResult[] = [];
  let rowsInDom = 0;
  let summary = '';
  for (let run = 0; run < WARMUP + RUNS; run++) {
    // Roster: a fresh document each run (the session stays in this tab's sessionStorage)
    await page.goto('about:blank');
    await page.goto(`${platform.httpUrl}/#/patients`);
    // the page's clock when the table announces every patient and its first row is drawn (0 = the start of the navigation)
    const rendered = await page.waitForFunction(
      (n) => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        const whole = doc.querySelector(`.roster__table table[aria-rowcount="${String(n + 1)}"]`) !== null;
        return whole && doc.querySelector('.roster__table tbody tr[aria-rowindex="2"]') !== null ? performance.now() : false;
      },
      PATIENTS,
      { polling: 'raf' },
    );
    const rosterMs = (await rendered.jsonValue()) as number;
    rowsInDom = await page.locator('.roster__table tbody tr[aria-rowindex]').count();
    const rosterWork = await longWork(page, 0);
    // Scroll to the end: from the scrollTop change to the last patient's row in the DOM
    const scrolled = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const viewport = doc.querySelector('.roster__table');
      const at = performance.now();
      if (viewport !== null) viewport.scrollTop = viewport.scrollHeight;
      return at;
    });
    const reachedEnd = await page.waitForFunction(
      (n) => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        return doc.querySelector(`.roster__table tbody tr[aria-rowindex="${String(n + 1)}"]`) !== null ? performance.now() : false;
      },
      PATIENTS,
      { polling: 'raf' },
    );
    const scrollMs = ((await reachedEnd.jsonValue()) as number) - scrolled;
    const scrollWork = await longWork(page, scrolled);

    // Trend: the patient page on heart rate, then 30 days
    await page.goto('about:blank');
    await page.goto(`${platform.httpUrl}/#/patients/${chartPatient}`);
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.getByLabel('Vital sign').selectOption('heart_rate');
    await trend.locator('.uplot canvas').waitFor();
    await page.waitForTimeout(SETTLE_MS);
    const clicked = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const button = Array.from(doc.querySelectorAll('.trend .segmented__option')).find((b) => b.textContent === '30 days');
      const at = performance.now();
      button?.click();
      return at;
    });
    // the summary of 30 days (not the 24 h one still shown while loading) and a canvas
    const drawn = await page.waitForFunction(
      (expected) => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        const caption = /30 days: Readings: ([\d,]+)/.exec(doc.querySelector('.trend figcaption')?.textContent ?? '');
        const count = Number((caption?.[1] ?? '0').replaceAll(',', ''));
        return count >= expected && doc.querySelector('.trend .uplot canvas') !== null ? performance.now() : false;
      },
      // the window ends at the click: the oldest readings of the set-up may have left it
      (DAYS - 1) * 1_440,
      { polling: 'raf', timeout: 30_000 },
    );
    const chartMs = ((await drawn.jsonValue()) as number) - clicked;
    summary = (await trend.locator('figcaption').textContent()) ?? '';
    const chartWork = await longWork(page, clicked);
    if (run < WARMUP) continue;
    roster.push({ ms: rosterMs, ...rosterWork });
    rosterScroll.push({ ms: scrollMs, ...scrollWork });
    chart.push({ ms: chartMs, ...chartWork });
  }
  // windowed: a screenful and its overscan, never the whole list
  if (rowsInDom === 0 || rowsInDom >= PATIENTS) throw new Error(`the roster had ${rowsInDom} of ${PATIENTS} rows in the DOM`);
  if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);

  console.log('');
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}, ${browser.version()} headless`);
  console.log(`${RUNS} runs after ${WARMUP} warm-up; medians; trend summary: ${summary}`);
  console.log('| Page | Time to rendered, ms | Long tasks | Long-task time, ms | Longest task, ms | Long frames | Long-frame time, ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, results] of [
    [`Roster, ${fmt(PATIENTS)} patients (navigation → table with its first rows)`, roster],
    [`Roster, scroll to the end (scrollTop → last patient's row)`, rosterScroll],
    [`Trend, ${DAYS} days of heart rate at 1/min (click → chart)`, chart],
  ] as const) {
    const m = (pick: (r: RunResult) => number): number => median(results.map(pick));
    console.log(
      `| ${name} | ${fmt(m((r) => r.ms))} | ${fmt(m((r) => r.longTasks))} | ${fmt(m((r) => r.longTaskMs))} | ${fmt(m((r) => r.longestTaskMs))} | ${fmt(m((r) => r.longFrames))} | ${fmt(m((r) => r.longFrameMs))} |`,
    );
  }
  console.log(`roster ms per run: ${roster.map((r) => fmt(r.ms)).join(', ')}; rows in the DOM: ${rowsInDom} of ${fmt(PATIENTS)}`);
  console.log(`roster scroll-to-end ms per run: ${rosterScroll.map((r) => fmt(r.ms)).join(', ')}`);
  console.log(`trend ms per run: ${chart.map((r) => fmt(r.ms)).join(', ')}`);
} finally {
  await browser.close();
  await platform.stop();
  await influx.stop();
}
