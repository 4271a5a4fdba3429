/**
 * Driving the extension's pages as a person does, by their SPEC §9 data-testids, in Chromium and Firefox
 * alike (puppeteer over CDP or WebDriver BiDi). A failed wait says what the page showed instead.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer';

export const UI_TIMEOUT = { timeout: 90_000 };

export const byTestId = (id: string) => `[data-testid="${id}"]`;

export const textOf = (page: Page, id: string) =>
  page.$eval(byTestId(id), (el) => (el.textContent ?? '').trim());

/** Wait for a test id; on timeout, fail with what the page shows instead (the useful part of a failure). */
export async function waitForTestId(page: Page, id: string): Promise<void> {
  try {
    await page.waitForSelector(byTestId(id), UI_TIMEOUT);
  } catch (e) {
    const shown = await page.evaluate(() => document.body?.textContent ?? '').catch(() => '(page gone)');
    throw new Error(`${id} did not appear; the page shows:\n${shown.slice(0, 1000)}`, { cause: e });
  }
}

/**
 * Replace a field's text by typing. The text is selected in the page (a triple click does not select an
 * input's text over BiDi) and deleted, so an empty `value` clears the field.
 */
export async function fillTestId(page: Page, id: string, value: string): Promise<void> {
  await waitForTestId(page, id);
  await page.click(byTestId(id));
  await page.$eval(byTestId(id), (el) => (el as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  if (value) await page.type(byTestId(id), value);
}

/** Click once the element is enabled. */
export async function clickTestId(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`${byTestId(id)}:not([disabled])`, UI_TIMEOUT);
  await page.click(byTestId(id));
}

/** The one finished .json download in `dir` (Firefox writes into a .part file beside an empty final name). */
export async function waitForDownload(dir: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = readdirSync(dir);
    const done = names.filter((f) => f.endsWith('.json'));
    const writing = names.some((f) => f.endsWith('.part') || f.endsWith('.crdownload'));
    if (done.length === 1 && !writing && statSync(path.join(dir, done[0]!)).size > 0)
      return path.join(dir, done[0]!);
    if (Date.now() > deadline) throw new Error(`no download in ${dir}: ${names.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
