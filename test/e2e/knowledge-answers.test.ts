/**
 * Issue 16 item 11 in a real browser: the operator types what the caller said, "医保卡丢了怎么补办",
 * and sees the card replacement article first, with where to go, when, what to bring and whom to
 * call, marked as sample content; a question the base has no answer to proposes nothing, and
 * Enter (the one-key answer) then has nothing to record. The right article answers the call.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeArticles, knowledgeUses, tickets } from '../../db/schema';
import { browserAvailable, launchBrowser, loginAs, screenshotPath, expectAccessible } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

const CARD = '社保卡（医保卡）挂失与补换';
const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');

describe.skipIf(!browserAvailable())('the knowledge base answers the caller (issue 16 item 11)', () => {
  let t: TestServer;
  let browser: Browser;
  let operator: Page;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    operator = await loginAs(browser, t.url, 'operator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds the card replacement article for "医保卡丢了怎么补办", proposes nothing for an unknown question, and answers from the right one', async () => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+3');
    await operator.keyboard.type('王阿姨');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13800138000');
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('Tab');
    const answered = operator.waitForResponse(async (r) => r.url().endsWith('/api/knowledge/search') && (r.request().postData() ?? '').includes('补办'));
    await operator.keyboard.type('医保卡丢了怎么补办');
    await answered;

    const panel = operator.getByTestId('knowledge-panel');
    const first = panel.getByTestId('kb-item').first();
    await first.getByText(CARD).waitFor();
    await expect.poll(() => first.getByTestId('kb-answer').innerText()).toContain('挂失');
    const details = await first.getByTestId('kb-details').innerText();
    for (const label of [
      '示例内容，须经镇核实后使用',
      '办理机构',
      '九亭镇社区事务受理服务中心',
      '地址',
      '办理时间',
      '所需材料',
      '身份证',
      '咨询电话',
      '12333',
    ]) {
      expect(details).toContain(label);
    }
    expect(await first.getByTestId('kb-sample').innerText()).toBe('示例内容');
    await operator.screenshot({ path: screenshotPath('knowledge-card-replacement') });
    await expectAccessible(operator, 'knowledge-card-replacement');

    // An unknown question: nothing is proposed, and Enter records nothing.
    await operator.keyboard.press('Alt+K');
    await expect.poll(() => active(operator)).toBe('kb-search');
    const searched = operator.waitForResponse(async (r) => r.url().endsWith('/api/knowledge/search') && (r.request().postData() ?? '').includes('猫'));
    await operator.keyboard.type('我家猫丢了');
    await searched;
    await panel.getByText('未找到相关知识，可换个说法搜索').waitFor();
    expect(await panel.getByTestId('kb-item').count()).toBe(0);
    await operator.keyboard.press('Enter');
    await operator.waitForTimeout(300);
    expect(await operator.getByTestId('close-dialog').count()).toBe(0);
    await operator.screenshot({ path: screenshotPath('knowledge-nothing-found') });
    await expectAccessible(operator, 'knowledge-nothing-found');

    // Back to the caller's words: Enter answers from the card article and counts it on the ticket.
    await operator.locator('#kb-search').fill('');
    await first.getByText(CARD).waitFor();
    await operator.keyboard.press('Enter');
    await operator.getByTestId('close-dialog').waitFor();
    await expect
      .poll(() => operator.locator('[data-testid="close-dialog"] input[type=radio]:checked').getAttribute('value'))
      .toBe('answered_from_knowledge_base');
    expect(await operator.getByTestId('close-dialog').innerText()).toContain(CARD);
    await operator.screenshot({ path: screenshotPath('knowledge-card-close') });
    await expectAccessible(operator, 'knowledge-card-close');
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已当场办结' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const [ticket] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    const [card] = await t.database.db.select().from(knowledgeArticles).where(eq(knowledgeArticles.title, CARD));
    await expect
      .poll(async () =>
        (
          await t.database.db
            .select()
            .from(knowledgeUses)
            .where(and(eq(knowledgeUses.ticketId, ticket!.id)))
        ).map((u) => u.articleId),
      )
      .toEqual([card!.id]);
  });
});
