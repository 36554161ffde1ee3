/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { test as e2eTest } from './support/e2e.fixture.js';
import { launchChromium } from './support/chromium.js';

// The call board in a real browser: headless Chromium (Debian's package) driven by playwright-core, on the
// sample with its embedded simulator placing a demo call every 2 s, on each adapter. Screenshots are kept in
// test-artifacts/ (ignored by git).

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);

/**
 * Every visible piece of text whose contrast with the background behind it is under WCAG AA's 4.5:1, as
 * "text: ratio" (the page has no large text to allow 3:1 for).
 */
const lowContrast = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [lr, lg, lb] = [r!, g!, b!].map((value) => {
        const channel = value / 255;
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
    };
    const behind = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        if ((color[3] ?? 1) > 0) return color;
      }
      return [255, 255, 255];
    };
    const failures: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      if (!element || !text.textContent?.trim() || !element.checkVisibility()) continue;
      const [fg, bg] = [luminance(rgba(getComputedStyle(element).color)), luminance(behind(element))];
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) failures.push(`${text.textContent.trim().slice(0, 40)}: ${ratio.toFixed(2)}`);
    }
    return failures;
  });

/* oxlint-disable no-empty-pattern */
const test = e2eTest.extend('chromium', { scope: 'file' }, async ({}, { onCleanup }) => {
  const chromium = await launchChromium();
  onCleanup(() => chromium.close());
  return chromium.context;
});

describe('call board in Chromium', () => {
  test.for(['express', 'fastify'])(
    'on %s: a demo call appears in progress, finishes with its duration, its recording joins it; no horizontal scroll at 390 px, AA contrast',
    { timeout: 90_000 },
    async (adapter, { chromium, startSample }) => {
      const sample = await startSample({ HTTP_ADAPTER: adapter, CINNOX_DEMO_INTERVAL_MS: '2000' });
      const page = await chromium.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      try {
        await page.goto(`${sample.url}/`);
        expect(await page.title()).toBe('Call board · nestjs-cinnox sample');

        // The id of the first call seen in progress, read in the page as it appears (a demo call lasts 1 s).
        const seen = await page.waitForFunction(
          () => document.querySelector<HTMLElement>('#active-calls [data-status="active"]')?.dataset.callId,
          undefined,
          { timeout: 15_000 },
        );
        const callId = (await seen.jsonValue()) as string;
        const row = page.locator(`#finished-calls [data-call-id="${callId}"]`);
        await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('ended');
        expect(await row.locator('[data-duration]').textContent()).toMatch(/^\d+:\d\d$/);
        await expect
          .poll(() => row.locator('[data-recording]').getAttribute('data-recording'), { timeout: 15_000 })
          .toMatch(/^(success|fail)$/);

        await expect.poll(() => page.locator('#subscriptions [data-hook="call"]').getAttribute('data-state')).toBe('active');
        await expect.poll(() => page.locator('#feed > li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        expect(await page.locator('#unreachable').isVisible()).toBe(false);

        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(width.client).toBe(390);
        expect(width.scroll).toBeLessThanOrEqual(width.client);
        expect(await lowContrast(page)).toEqual([]);
        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: new URL(`call-board-${adapter}.png`, ARTIFACTS).pathname, fullPage: true });

        // The app gone, the page says it is unreachable. Its reconnection is held (by the browser's request
        // routing) until the app is back on the same port and has ended a call: only the catch-up from GET /calls
        // can show that call, as nothing streamed it to the page.
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        await page.route('**/board/events', async (route) => {
          await released;
          await route.continue();
        });
        await sample.close();
        await expect.poll(() => page.locator('#unreachable').isVisible(), { timeout: 15_000 }).toBe(true);
        expect(await lowContrast(page)).toEqual([]);
        const back = await startSample({ HTTP_ADAPTER: adapter, CINNOX_DEMO_INTERVAL_MS: '300', PORT: new URL(sample.url).port });
        const ended = async () =>
          ((await back.get('/calls')).body as Array<{ id: string; status: string }>).find((call) => call.status === 'ended');
        await expect.poll(ended, { timeout: 15_000 }).toBeDefined();
        const { id: missed } = (await ended())!;
        release();
        await expect
          .poll(() => page.locator(`#finished-calls [data-call-id="${missed}"]`).getAttribute('data-status'), { timeout: 15_000 })
          .toBe('ended');
        await expect.poll(() => page.locator('#unreachable').isVisible()).toBe(false);
        expect(errors.filter((error) => !error.includes('net::ERR_'))).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
