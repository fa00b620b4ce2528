import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { writeReport } from '../src/report.js';
import { SPECS_ELEMENT_ID } from '../src/render/bootstrap.js';
import { temporaryFolder, writeFixtureStore } from './helpers/fixture-store.js';
import { SELECTION_SWEEP } from './helpers/fixtures.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** CI sets ASCENT_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping. */
const browserRequired = process.env.ASCENT_REQUIRE_BROWSER === '1';
const browserMissing = !existsSync(CHROMIUM_PATH);
const SKIP_REASON = `${CHROMIUM_PATH} not found: install chromium to run the browser test, or set ASCENT_REQUIRE_BROWSER=1 to fail instead`;

const folder = temporaryFolder('browser');
let browser: Browser | undefined;
let page: Page | undefined;
let chartIds: string[] = [];
const consoleErrors: string[] = [];
const blockedRequests: string[] = [];
const failedRequests: string[] = [];

function skipWithoutBrowser(context: TestContext): void {
  if (browserMissing && !browserRequired) context.skip(SKIP_REASON);
}

function openedPage(): Page {
  if (page === undefined) throw new Error(`the report page did not open; is ${CHROMIUM_PATH} installed?`);
  return page;
}

beforeAll(async () => {
  if (browserMissing) {
    if (!browserRequired) console.warn(`skipping the browser test: ${SKIP_REASON}`);
    return;
  }
  const dbPath = join(folder.path, 'sweep.sqlite');
  writeFixtureStore(dbPath, SELECTION_SWEEP);
  const { outPath } = await writeReport({ dbPath, outPath: join(folder.path, 'report.html') });
  const specs = readFileSync(outPath, 'utf8').match(new RegExp(`<script type="application/json" id="${SPECS_ELEMENT_ID}">([^<]*)</script>`));
  chartIds = Object.keys(JSON.parse(specs?.[1] ?? '{}') as Record<string, unknown>);

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'unknown'}`));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await page.goto(pathToFileURL(outPath).href);
  await page.waitForSelector('body[data-charts="done"]', { timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  folder.remove();
});

describe('report in headless Chromium', () => {
  it('finds Chromium when CI requires it', (context) => {
    skipWithoutBrowser(context);
    expect(existsSync(CHROMIUM_PATH)).toBe(true);
  });

  it('embeds six charts', (context) => {
    skipWithoutBrowser(context);
    openedPage();
    expect(chartIds).toHaveLength(6);
  });

  it('marks every chart rendered', async (context) => {
    skipWithoutBrowser(context);
    const page = openedPage();
    for (const id of chartIds) expect(await page.getAttribute(`#${id}`, 'data-rendered'), id).toBe('true');
  });

  it('draws a canvas or SVG in every chart', async (context) => {
    skipWithoutBrowser(context);
    const page = openedPage();
    for (const id of chartIds) expect(await page.locator(`#${id} canvas, #${id} svg.marks`).count(), id).toBeGreaterThan(0);
  });

  it('draws canvases with a size', async (context) => {
    skipWithoutBrowser(context);
    const page = openedPage();
    for (const id of chartIds) {
      const box = await page.locator(`#${id} canvas`).first().boundingBox();
      expect((box?.width ?? 0) * (box?.height ?? 0), id).toBeGreaterThan(0);
    }
  });

  // The checks below read lists that the page fills, so each first makes sure the page opened.
  it('logs no console errors', (context) => {
    skipWithoutBrowser(context);
    openedPage();
    expect(consoleErrors).toEqual([]);
  });

  it('requests nothing outside the file', (context) => {
    skipWithoutBrowser(context);
    openedPage();
    expect(blockedRequests).toEqual([]);
  });

  it('has no failed requests', (context) => {
    skipWithoutBrowser(context);
    openedPage();
    expect(failedRequests).toEqual([]);
  });
});
