/**
 * Issue 15 item 11 in a real browser, by the roles PRODUCT.md §1 names: an admin opens an account,
 * changes its roles and unit, resets its password and disables it (users and roles); a supervisor
 * adds and renames a unit and deactivates it (units), publishes a new version of an SLA policy
 * with a changed limit (policies) and maps a source + type + urgency to a policy (assignments).
 * Each change is an event with its actor (checked in the events table). Screens at 1366×768.
 */
import { inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { browserAvailable, expectAccessible, loginAs, screenshotPath } from '../support/browser';
import { consoleInBrowser } from '../support/console-in-browser';

async function ok(page: Page, text: string) {
  await page.locator('.ant-message-notice').filter({ hasText: text }).last().waitFor();
}

describe.skipIf(!browserAvailable())('screens for the rules: users, units, policies, assignments', () => {
  const now = new Date('2026-11-24T10:00:00+08:00');
  const env = consoleInBrowser({ now: () => now });
  const audit = async (types: string[]) => (await env.t.database.db.select().from(events).where(inArray(events.type, types))).map((e) => [e.type, e.actorId]);

  it('an admin opens, edits, resets and disables an account', async () => {
    const page = await loginAs(env.browser, env.t.url, 'admin');
    await page.goto(`${env.t.url}/admin/users`);
    await page.getByTestId('users-table').getByText('supervisor', { exact: true }).waitFor();
    const form = page.getByTestId('user-create-form');
    await form.locator('#username').fill('liaison-new');
    await form.locator('#displayName').fill('城管联络人 陈晨');
    await form.locator('#password').fill('first-password-1');
    await page.getByTestId('user-create-roles').click();
    await page.locator('.ant-select-dropdown:visible').getByText('联络人', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-create-unit').click();
    await page.keyboard.type('城管');
    await page.keyboard.press('Enter');
    await page.getByTestId('user-create-submit').click();
    await ok(page, '已创建');
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'liaison-new' });
    await row.getByText('九亭镇城管中队').waitFor();
    await page.screenshot({ path: screenshotPath('admin-users'), fullPage: true });
    await expectAccessible(page, 'admin-users');

    const person = await env.t.login('liaison-new', 'first-password-1');
    expect(person.user).toMatchObject({ roles: ['liaison'], unitId: env.t.units.d_chengguan });

    await page.getByTestId('user-edit-liaison-new').click();
    const dialog = page.getByTestId('user-edit-dialog');
    await dialog.locator('#displayName').fill('陈晨');
    await page.screenshot({ path: screenshotPath('admin-user-edit'), fullPage: true });
    await expectAccessible(page, 'admin-user-edit');
    await page.locator('.ant-modal-footer:visible .ant-btn-primary').click();
    await ok(page, '已保存');
    await row.getByText('陈晨', { exact: true }).waitFor();

    await page.getByTestId('user-reset-liaison-new').click();
    await page.getByTestId('user-reset-password').fill('second-password-2');
    await page.keyboard.press('Enter');
    await ok(page, '密码已重置');
    expect((await person.get('/api/tickets')).status).toBe(401);
    const again = await env.t.login('liaison-new', 'second-password-2');

    await page.getByTestId('user-disable-liaison-new').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await row.getByText('已停用').waitFor();
    expect((await again.get('/api/tickets')).status).toBe(401);
    await page.screenshot({ path: screenshotPath('admin-users-disabled'), fullPage: true });
    await expectAccessible(page, 'admin-users-disabled');
    const adminId = (await env.t.login('admin')).user.id;
    expect(await audit(['user.created', 'user.updated', 'user.password_reset', 'user.disabled'])).toEqual([
      ['user.created', adminId],
      ['user.updated', adminId],
      ['user.password_reset', adminId],
      ['user.disabled', adminId],
    ]);
    await page.context().close();
  });

  it('a supervisor adds, renames and deactivates a unit, publishes a policy version and assigns a policy', async () => {
    const page = await loginAs(env.browser, env.t.url, 'supervisor');
    const supId = (await env.t.login('supervisor')).user.id;
    // Units and policies are reached from 派单规则 (the header is full at 1366 px).
    await page.goto(`${env.t.url}/rules`);
    await page.getByTestId('rules-units-link').click();
    await page.getByTestId('units-table').getByText('九亭镇城管中队').waitFor();
    const form = page.getByTestId('unit-create-form');
    await form.locator('#name').fill('新城居委会');
    await form.locator('#code').fill('c_xincheng');
    await page.getByTestId('unit-create-kind').click();
    await page.locator('.ant-select-dropdown:visible').getByText('居委会', { exact: true }).click();
    await page.getByTestId('unit-create-submit').click();
    await ok(page, '已创建');
    await page.getByTestId('unit-rename-c_xincheng').click();
    await page.getByTestId('unit-rename-input').fill('新城社区居委会');
    await page.keyboard.press('Enter');
    await ok(page, '已保存');
    const row = page.getByTestId('units-table').locator('tr', { hasText: 'c_xincheng' });
    await row.getByText('新城社区居委会').waitFor();
    await page.getByTestId('unit-deactivate-c_xincheng').click();
    const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    await confirm.waitFor();
    await confirm.click();
    await page.locator('.ant-popconfirm:visible').waitFor({ state: 'hidden' });
    await row
      .getByText('已停用')
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: screenshotPath('units-deactivate-failed'), fullPage: true });
        throw e;
      });
    // A unit the dispatch rules still name stays active (000 四): the message says why.
    await page.getByTestId('unit-deactivate-d_chengguan').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.locator('.ant-message-notice').filter({ hasText: '该单位仍在派单规则中' }).waitFor();
    await page.screenshot({ path: screenshotPath('units'), fullPage: true });
    await expectAccessible(page, 'units');
    expect(await audit(['unit.created', 'unit.renamed', 'unit.deactivated'])).toEqual([
      ['unit.created', supId],
      ['unit.renamed', supId],
      ['unit.deactivated', supId],
    ]);

    await page.goto(`${env.t.url}/rules`);
    await page.getByTestId('rules-policies-link').click();
    await page.getByTestId('policy-clocks').waitFor();
    const before = (await (await env.t.login('supervisor')).get('/api/policies')).body as { code: string; version: number }[];
    const code = before[0]!.code;
    const version = Math.max(...before.filter((p) => p.code === code).map((p) => p.version));
    const reply = page.getByTestId('policy-limit-reply');
    await reply.fill('4');
    await page.getByTestId('policy-publish').click();
    await ok(page, `已发布第 ${version + 1} 版`);
    await page
      .getByTestId('policy-versions')
      .locator('tbody tr')
      .first()
      .getByText(String(version + 1), { exact: true })
      .waitFor();
    await page.screenshot({ path: screenshotPath('policies'), fullPage: true });
    await expectAccessible(page, 'policies');
    const after = (
      (await (await env.t.login('supervisor')).get('/api/policies')).body as {
        code: string;
        version: number;
        definition: { clocks: { reply: { rounds: { limit: { days: number } }[] } } };
      }[]
    ).find((p) => p.code === code && p.version === version + 1);
    expect(after?.definition.clocks.reply.rounds[0]?.limit.days).toBe(4);

    await page.getByTestId('asg-source').click();
    await page.locator('.ant-select-dropdown:visible').getByText('来访', { exact: true }).click();
    // Its list is gone before the next opens (two lists, one closing, would both match below).
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    // From the keyboard: the policy select opens on click with its first policy active; Enter picks it.
    await page.getByTestId('asg-policy').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('asg-urgent').click();
    await page.getByTestId('asg-note').fill('来访紧急件按本策略（测试）');
    await page.getByTestId('asg-save').click();
    await ok(page, '已保存');
    await page.getByTestId('assignments-table').getByText('来访紧急件按本策略（测试）').waitFor();
    await page.getByTestId('assignments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('policy-assignments'), fullPage: true });
    await expectAccessible(page, 'policy-assignments');
    expect(await audit(['policy.versioned', 'policy.assigned'])).toEqual([
      ['policy.versioned', supId],
      ['policy.assigned', supId],
    ]);
    await page.context().close();
  });
});
