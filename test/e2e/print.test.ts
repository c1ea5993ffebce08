/**
 * The printed forms from the ticket page: the intake record of 003 附件2 on exactly one A4 page
 * with every field's value (read back from the PDF's text with pdftotext when installed, and
 * from the page), and the transfer sheet with the fields of 002 附件2.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { ARTIFACTS, browserAvailable, launchBrowser, screenshotPath, loginAs, expectAccessible } from '../support/browser';
import { intake, startTestServer, type ApiClient, type TestServer } from '../support/server';

const PDFTOTEXT = '/usr/bin/pdftotext';

/** Shanghai wall time of an instant, as the forms print it. */
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Renders the open print page to PDF; returns its page count and (when possible) its text. */
async function renderPdf(page: Page, name: string): Promise<{ pages: number; text: string | null }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  const text = existsSync(PDFTOTEXT) ? execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) : null;
  if (text === null) console.warn('[print] pdftotext not installed: PDF text not checked (apt-get install -y poppler-utils)');
  return { pages, text };
}

/** Text with all whitespace removed, so table cells wrapped in the PDF still match. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(!browserAvailable())('printed forms', () => {
  let t: TestServer;
  let browser: Browser;
  let op: ApiClient;
  let unit: ApiClient;
  let revisit: ApiClient;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    op = await t.login('operator');
    unit = await t.login('liaison-d-environment');
    revisit = await t.login('revisit');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const run = async (c: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const { body } = await op.get(`/api/tickets/${id}`);
    const res = await c.post(ticketCommandPath(command, id), { version: body.version, ...input });
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };

  /** A ticket taken through the whole loop by API, so every field of the record has a value. */
  async function handledTicket(texts: { description: string; facts: string; report: string }) {
    const created = await op.post(
      '/api/tickets',
      intake({ leadUnitId: t.units.d_environment, assistUnitIds: [t.units.d_sanitation], description: texts.description }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await run(unit, id, 'accept');
    await run(unit, id, 'record_first_contact', { at: new Date().toISOString(), channel: 'phone', note: '已电话联系刘先生' });
    await run(unit, id, 'record_site_visit', { at: new Date().toISOString(), note: '现场查看饭店排烟口' });
    await run(unit, id, 'add_note', { note: '已通知市容环卫所协助清理' });
    const replied = await run(unit, id, 'reply', { outcome: 'resolved', facts: texts.facts, report: texts.report, citizenToldAt: new Date().toISOString() });
    await run(revisit, id, 'record_revisit', { resolved: true, satisfaction: 'satisfied', words: '处理得很好' });
    const { body } = await op.get(`/api/tickets/${id}`);
    return { id, number: created.body.number as string, callAt: created.body.callAt as string, replied, detail: body };
  }

  it('prints the intake record on one A4 page with every field filled', async () => {
    const facts = '饭店油烟净化器长期未清洗，夜间22点后仍在排放';
    // Short enough for one line of the cell, so the PDF text holds it unbroken.
    const report = '已约谈饭店负责人，责令清洗净化器，复查合格';
    const description = '楼下饭店油烟很大，晚上十点还在排放，影响休息';
    const ticket = await handledTicket({ description, facts, report });
    const supervisor = await loginAs(browser, t.url, 'supervisor');

    // From the ticket page: the print link opens the record.
    await supervisor.goto(`${t.url}/tickets/${ticket.id}`);
    const [print] = await Promise.all([supervisor.context().waitForEvent('page'), supervisor.getByTestId('print-record').click()]);
    await print.getByTestId('intake-record').waitFor();
    // PRODUCT.md §9: the sheet prints the number masked until the supervisor reveals it (logged as 'print').
    expect(await print.locator('[data-field="contactPhone"]').innerText()).toBe('138****5678');
    await print.getByTestId('print-phone-reveal').click();
    await print.locator('[data-field="contactPhone"]').getByText('13812345678').waitFor();
    const revealed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, ticket.id), eq(events.type, 'ticket.contact_revealed')));
    expect(revealed.map((e) => [e.actorRole, (e.payload as { purpose: string }).purpose])).toEqual([['supervisor', 'print']]);
    await print.locator('[data-testid="intake-record"][data-fit="done"]').waitFor();
    await print.screenshot({ path: screenshotPath('print-intake-record'), fullPage: true });
    await expectAccessible(print, 'print-intake-record');

    const field = (name: string) => print.locator(`[data-field="${name}"]`).innerText();
    const replyDate = shanghai(ticket.detail.detail.reply.citizenToldAt).slice(0, 10);
    const expected: Record<string, string> = {
      number: ticket.number,
      callAt: shanghai(ticket.callAt),
      type: '投诉求助',
      contactName: '刘先生',
      contactPhone: '13812345678',
      address: '涞坊路1111弄12号',
      description,
      units: '镇生态环境办（协办单位：镇市容环卫所）',
      sameDayContact: '☑是☐否',
      siteVisit: '☑是☐否',
      facts,
      report: `【实际解决】${report}`,
      replyDate,
      satisfied: '☑是☐否（满意）',
    };
    for (const [name, value] of Object.entries(expected)) expect(squash(await field(name)), name).toBe(squash(value));
    const labels = await print.getByTestId('intake-record').innerText();
    for (const label of [
      '九亭镇便民服务专线工单信息记录表',
      '来电日期',
      '工单类型',
      '联系人',
      '联系电话',
      '诉求地址',
      '诉求描述',
      '承办单位',
      '处置',
      '当日先联',
      '现场查看',
      '事实认定',
      '办结汇报',
      '答复日期',
      '是否满意',
    ]) {
      expect(squash(labels), label).toContain(label);
    }

    const pdf = await renderPdf(print, 'intake-record');
    expect(pdf.pages).toBe(1);
    if (pdf.text !== null) {
      const text = squash(pdf.text);
      for (const [name, value] of Object.entries(expected)) expect(text, `PDF ${name}`).toContain(squash(value));
    }
  });

  it('keeps a long record on one page and masks the phone for an assisting unit', async () => {
    const long = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
    const ticket = await handledTicket({
      description: long('小区地下车库长期积水，墙面渗漏，物业多次维修未果，居民出行困难。', 1200),
      facts: long('经现场查看，车库排水泵损坏，墙体裂缝渗水。', 600),
      report: long('已协调物业更换排水泵并修补墙体裂缝，后续每周巡查。', 900),
    });
    const assisting = await loginAs(browser, t.url, 'liaison-d-sanitation');
    await assisting.goto(`${t.url}/tickets/${ticket.id}/print?form=record`);
    await assisting.locator('[data-testid="intake-record"][data-fit="done"]').waitFor();
    await assisting.screenshot({ path: screenshotPath('print-intake-record-long'), fullPage: true });
    await expectAccessible(assisting, 'print-intake-record-long');
    // PRODUCT.md §9: only the lead unit contacts the citizen; an assisting unit sees the number masked.
    expect(await assisting.locator('[data-field="contactPhone"]').innerText()).toBe('138****5678');
    expect(await assisting.getByTestId('print-phone-reveal').count()).toBe(0);
    const pdf = await renderPdf(assisting, 'intake-record-long');
    expect(pdf.pages).toBe(1);
  });

  it('prints the transfer sheet with the fields of 002 附件2', async () => {
    const ticket = await handledTicket({ description: '路灯不亮，晚上出行不安全', facts: '路灯线路老化', report: '已更换线路，路灯恢复照明' });
    const supervisor = await loginAs(browser, t.url, 'supervisor');
    await supervisor.goto(`${t.url}/tickets/${ticket.id}/print?form=transfer`);
    await supervisor.getByTestId('transfer-sheet').waitFor();
    await supervisor.getByTestId('print-phone-reveal').click();
    await supervisor.getByTestId('transfer-sheet').getByText('13812345678').waitFor();
    await supervisor.locator('[data-testid="print-page"][data-ready="true"]').waitFor();
    await supervisor.locator('[data-testid="transfer-sheet"][data-fit="done"]').waitFor();
    await supervisor.screenshot({ path: screenshotPath('print-transfer-sheet'), fullPage: true });
    await expectAccessible(supervisor, 'print-transfer-sheet');
    const text = squash(await supervisor.getByTestId('transfer-sheet').innerText());
    const dispatchedAt = shanghai(ticket.detail.detail.dispatchedAt);
    for (const part of [
      '镇生态环境办：',
      '现将下列来电转去，请责成有关部门认真处理，并将处理情况答复来电人。',
      '来电人刘先生',
      `来电日期${shanghai(ticket.callAt)}`,
      '诉求地址涞坊路1111弄12号',
      '联系电话13812345678',
      `工单编号${ticket.number}`,
      `转交日期${dispatchedAt}`,
      '转交办公单位九亭镇城运中心（62112345便民服务专线）',
      `转交办文号${ticket.number}`,
      '是否催单☐是☑否',
      '工单优先级普通',
      '来电内容：路灯不亮，晚上出行不安全',
      '承办单位处理情况：',
      '事实认定：路灯线路老化',
      '办结汇报：已更换线路，路灯恢复照明',
      '经办人：联络人（镇生态环境办）',
      '办理情况反馈：',
      '回访结果：满意，“处理得很好”',
      '办理回复期限5个工作日（依据62112345便民服务专线（默认））',
      '一个工作日内答复市民☑是☐否',
      '是否解决☑实际解决☐解释说明☐参考备案☐诉求过高☐未解决',
      '备注',
      '已通知市容环卫所协助清理',
    ]) {
      expect(text, part).toContain(squash(part));
    }
    const pdf = await renderPdf(supervisor, 'transfer-sheet');
    expect(pdf.pages).toBe(1);
  });
});
