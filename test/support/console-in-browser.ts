/**
 * The preamble most browser tests share: one console (a copy of the demo database) and one
 * Chromium for a describe block, started before its tests and closed after them, and an
 * operator typing a record the way operators do (name, Tab, phone, Tab, address, Tab, words).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, loginAs, type SetClock } from './browser';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface ConsoleInBrowser {
  /** The console; set once the describe block's beforeAll has run. */
  t: TestServer;
  browser: Browser;
}

/** Registers the describe block's beforeAll/afterAll; read the fields inside tests only. */
export function consoleInBrowser(options: TestServerOptions = {}): ConsoleInBrowser {
  const env = {} as ConsoleInBrowser;
  beforeAll(async () => {
    env.t = await startTestServer(options);
    env.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.t?.close();
  });
  return env;
}

/** The id of the element that has the focus (the tag name when it has no id). */
export const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');

export interface TypedRecord {
  name: string;
  phone: string;
  /** Omitted: the address field is left empty (Tab passes it). */
  address?: string;
  description: string;
}

/** Types a record into the operator's empty form from its first field, leaving the focus in the description. */
export async function typeRecord(page: Page, record: TypedRecord, between?: { afterPhone?: () => Promise<void> }): Promise<void> {
  await expect.poll(() => activeId(page)).toBe('contactName');
  await page.keyboard.type(record.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(record.phone);
  await between?.afterPhone?.();
  await page.keyboard.press('Tab');
  if (record.address) await page.keyboard.type(record.address);
  await page.keyboard.press('Tab');
  await page.keyboard.type(record.description);
}

/** A new desk logged in as `username`, on the ticket page of `ticketId`. */
export async function openTicketAs(env: ConsoleInBrowser, username: string, ticketId: number, clock?: SetClock): Promise<Page> {
  const page = await loginAs(env.browser, env.t.url, username, {}, clock);
  await page.goto(`${env.t.url}/tickets/${ticketId}`);
  return page;
}
