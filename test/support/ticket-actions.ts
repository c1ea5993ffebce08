/** The ticket page's action panel as the browser tests drive it: open a command's form, submit it. */
import type { Locator, Page } from 'playwright-core';

/** How long a screen may take to show a change on a loaded 2-core CI machine (a CI run once needed more than 15 s). */
export const SHOWN = 45_000;

/** Submits a ticket command's form and waits until the open ticket shows the new version. */
export async function submit(form: Locator): Promise<void> {
  const page = form.page();
  const version = await page.getByTestId('ticket-panel').getAttribute('data-version');
  const testId = await form.getAttribute('data-testid');
  await form.getByTestId(`${testId}-submit`).click();
  try {
    await page.locator(`[data-testid="ticket-panel"]:not([data-version="${version}"])`).waitFor({ timeout: SHOWN });
  } catch (err) {
    // A CI run once timed out here: say what the screen showed instead (a refusal, a field
    // message, a button still busy, a live status that never came back).
    throw new Error(`${testId}: the panel stayed at version ${version}; the screen showed ${JSON.stringify(await screenState(form))}`, { cause: err });
  }
}

/** What a form and its page show, for a failure message (test data only: no real person's). */
async function screenState(form: Locator): Promise<Record<string, unknown>> {
  const page = form.page();
  const texts = (l: Locator) => l.allInnerTexts().catch(() => []);
  return {
    alerts: await texts(form.locator('.ant-alert')),
    fieldErrors: await texts(form.locator('.ant-form-item-explain-error')),
    submitBusy: await form.locator('.action-submit.ant-btn-loading').count(),
    live: await page
      .getByTestId('live-status')
      .getAttribute('data-status', { timeout: 1000 })
      .catch(() => 'absent'),
    panelVersion: await page
      .getByTestId('ticket-panel')
      .getAttribute('data-version', { timeout: 1000 })
      .catch(() => 'absent'),
  };
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
