/** The ticket page's action panel as the browser tests drive it: open a command's form, submit it. */
import type { Locator, Page } from 'playwright-core';

/** How long a screen may take to show a change on a loaded 2-core CI machine (a CI run once needed more than 15 s). */
export const SHOWN = 45_000;

/** Submits a ticket command's form and waits until the open ticket shows the new version. */
export async function submit(form: Locator): Promise<void> {
  const page = form.page();
  const version = await page.getByTestId('ticket-panel').getAttribute('data-version');
  await form.getByTestId(`${await form.getAttribute('data-testid')}-submit`).click();
  await page.locator(`[data-testid="ticket-panel"]:not([data-version="${version}"])`).waitFor({ timeout: SHOWN });
}

/** Opens the action's panel (if it is not open already) and returns its form. */
export async function openAction(page: Page, key: string): Promise<Locator> {
  const form = page.getByTestId(`form-${key}`);
  const header = page.getByTestId(`action-${key}`).locator('xpath=ancestor::*[@aria-expanded][1]');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await form.waitFor();
  return form;
}
