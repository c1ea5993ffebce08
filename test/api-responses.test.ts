/**
 * The response schemas in shared/schemas describe what the server really answers: the client
 * takes its types from them (client/src/api/*), so a schema that drifted from the server would
 * type the screens wrong. Each answer must parse, and parsing must drop nothing (a field the
 * schema does not know would be stripped and fail the comparison).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadConfig } from '../server/platform/config';
import { requestSimulatedCall } from '../server/telephony/simulate-call';
import { ticketCommandPath } from '../shared/api/command-paths';
import { ZApiKeyListAnswerSchema, ZApiKeySchema, ZIssuedApiKeySchema } from '../shared/schemas/api-keys';
import { ZAuthAnswerSchema } from '../shared/schemas/auth';
import { ZCallAnswerSchema, ZCallListAnswerSchema, ZClaimCallAnswerSchema } from '../shared/schemas/call';
import { ZHealthAnswerSchema } from '../shared/schemas/health';
import { ZKnowledgeArticleDetailSchema, ZKnowledgeArticleViewSchema, ZKnowledgeSearchAnswerSchema } from '../shared/schemas/knowledge';
import { ZPolicyListSchema } from '../shared/schemas/policies';
import { ZPresenceListAnswerSchema, ZPresenceViewSchema } from '../shared/schemas/presence';
import {
  ZRepeatSettingsAnswerSchema,
  ZRepeatSettingsPublishAnswerSchema,
  ZRulePublishAnswerSchema,
  ZRuleTableViewSchema,
  ZRuleVersionListSchema,
} from '../shared/schemas/rules';
import { ZAddressOptionListSchema, ZCallerHistorySchema, ZSuggestionSchema } from '../shared/schemas/suggest';
import { ZSupervisionDetailSchema, ZSupervisionListAnswerSchema, ZSupervisionViewSchema } from '../shared/schemas/supervision';
import { ZRegisteredTicketSchema, ZTicketListAnswerSchema, ZTicketSummarySchema } from '../shared/schemas/ticket';
import { ZUnitListSchema } from '../shared/schemas/units';
import { answersNotInDocument } from './support/openapi-replay';
import { intake, startTestServer, type ApiResponse, type TestServer } from './support/server';
import { eventually, simulatorEnv } from './support/telephony';

/** The answer, exactly as the schema reads it (status 2xx). */
function matches<S extends z.ZodType>(schema: S, res: ApiResponse) {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  const parsed = schema.safeParse(res.body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(res.body);
}

describe('shared response schemas against the server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: simulatorEnv(), record: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('session, reference data and health', async () => {
    matches(ZAuthAnswerSchema, await t.anonymous().post('/api/auth/login', { username: 'leader', password: 'hotline-demo' }));
    const supervisor = await t.login('supervisor');
    matches(ZAuthAnswerSchema, await supervisor.get('/api/auth/me'));
    matches(ZUnitListSchema, await supervisor.get('/api/units'));
    matches(ZHealthAnswerSchema, await supervisor.get('/api/health'));
    matches(ZPolicyListSchema, await supervisor.get('/api/policies'));
  });

  it('ticket lists, presence and the intake helpers', async () => {
    const operator = await t.login('operator');
    const supervisor = await t.login('supervisor');
    const liaison = await t.login('liaison');
    const units = (await operator.get('/api/units')).body as { id: number; kind: string }[];
    const created = await operator.post('/api/tickets', intake({ leadUnitId: units.find((u) => u.kind === 'department')!.id }));
    expect(created.status).toBe(201);
    matches(ZTicketListAnswerSchema, await supervisor.get('/api/tickets'));
    matches(ZTicketListAnswerSchema, await liaison.get('/api/tickets'));
    matches(ZTicketListAnswerSchema, await supervisor.get('/api/queues'));
    matches(ZTicketListAnswerSchema, await operator.get('/api/queues/mine'));
    matches(ZPresenceListAnswerSchema, await supervisor.get('/api/presence'));
    matches(ZPresenceViewSchema, await operator.request('PUT', '/api/presence', { status: 'break' }));
    const text = '楼下饭店油烟很大';
    matches(ZSuggestionSchema, await operator.post('/api/suggest', { text, address: '涞坊路1111弄', k: 19 }));
    matches(ZSuggestionSchema, await operator.post('/api/suggest', { text }));
    matches(ZAddressOptionListSchema, await operator.post('/api/addresses/suggest', { q: '涞坊路', limit: 8 }));
    matches(ZCallerHistorySchema, await operator.post('/api/callers/history', { phone: '13812345678', address: '涞坊路1111弄12号' }));
  });

  it('calls', async () => {
    const operator = await t.login('operator');
    matches(ZCallListAnswerSchema, await operator.get('/api/calls'));
    await requestSimulatedCall({ config: loadConfig(simulatorEnv()), url: t.url, from: '13900001111', talk: 60 });
    const id = await eventually(async () => ((await operator.get('/api/calls')).body as { calls: { id: number }[] }).calls[0]?.id);
    matches(ZCallListAnswerSchema, await operator.get('/api/calls'));
    matches(ZClaimCallAnswerSchema, await operator.post(`/api/calls/${id}/claim`, { via: 'desk' }));
    matches(ZCallAnswerSchema, await operator.post(`/api/calls/${id}/release`));
  });

  it('knowledge, supervision, rules and API keys', async () => {
    const supervisor = await t.login('supervisor');
    const admin = await t.login('admin');
    matches(ZKnowledgeSearchAnswerSchema, await supervisor.post('/api/knowledge/search', { all: '1', limit: 100 }));
    matches(ZKnowledgeSearchAnswerSchema, await supervisor.post('/api/knowledge/search', { q: '居住证', limit: 6 }));
    matches(ZKnowledgeArticleDetailSchema, await supervisor.get('/api/knowledge/1'));
    matches(
      ZKnowledgeArticleViewSchema,
      await supervisor.post('/api/knowledge', { title: '测试条目', keywords: '', body: '测试的知识内容', answer: '测试的答复口径', categoryCode: null }),
    );

    const ticket = ((await supervisor.get('/api/queues')).body as { tickets: { id: number }[] }).tickets[0]!;
    const opened = await supervisor.post('/api/supervisions', {
      ticketId: ticket.id,
      type: 'written',
      scope: 'repeat_no_progress',
      situation: '同一诉求多次来电未见进展',
      opinion: '请五个工作日内书面回复',
    });
    matches(ZSupervisionViewSchema, opened);
    matches(ZSupervisionListAnswerSchema, await supervisor.get('/api/supervisions?state=active'));
    matches(ZSupervisionDetailSchema, await supervisor.get(`/api/supervisions/${opened.body.id}`));

    const latest = await supervisor.get('/api/dispatch-rules/versions/latest');
    matches(ZRuleTableViewSchema, latest);
    const rules = (latest.body as { rules: { categoryCode: string; leadUnitId: number | null; assistUnitIds: number[] }[] }).rules.map((r) => ({
      categoryCode: r.categoryCode,
      leadUnitId: r.leadUnitId,
      assistUnitIds: r.assistUnitIds,
    }));
    rules[0]!.assistUnitIds = [];
    matches(ZRulePublishAnswerSchema, await supervisor.post('/api/dispatch-rules', { baseVersion: latest.body.version, rules }));
    matches(ZRuleVersionListSchema, await supervisor.get('/api/dispatch-rules/versions'));
    matches(ZRepeatSettingsAnswerSchema, await supervisor.get('/api/repeat-settings'));
    const settings = (await supervisor.get('/api/repeat-settings')).body.settings;
    matches(ZRepeatSettingsPublishAnswerSchema, await supervisor.post('/api/repeat-settings', { ...settings, repeatWindowDays: 31 }));
    matches(ZRepeatSettingsAnswerSchema, await supervisor.get('/api/repeat-settings'));

    matches(ZApiKeyListAnswerSchema, await admin.get('/api/api-keys'));
    const issued = await admin.post('/api/api-keys', { name: '测试平台' });
    matches(ZIssuedApiKeySchema, issued);
    matches(ZApiKeySchema, await admin.post(`/api/api-keys/${issued.body.id}/revoke`));
  });

  it('refusals and ticket commands with their whole input (issue 19.1)', async () => {
    const anonymous = t.anonymous();
    const operator = await t.login('operator');
    const supervisor = await t.login('supervisor');
    expect((await anonymous.get('/api/tickets')).status).toBe(401);
    expect((await anonymous.post('/api/auth/login', { username: 'operator', password: 'wrong-password' })).status).toBe(401);
    expect((await operator.get('/api/api-keys')).status).toBe(403);
    expect((await operator.post('/api/tickets', intake(), { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await supervisor.get('/api/tickets/99999999')).status).toBe(404);
    expect((await operator.post('/api/tickets', intake({ contactPhone: '' }))).status).toBe(400);
    // A dispatch exactly as the document describes it: version and the command's whole input.
    const created = await operator.post('/api/tickets', intake());
    expect(created.status).toBe(201);
    matches(ZRegisteredTicketSchema, created);
    const units = (await operator.get('/api/units')).body as { id: number; kind: string }[];
    const leadUnitId = units.find((u) => u.kind === 'department')!.id;
    const dispatch = { version: created.body.version, leadUnitId, assistUnitIds: [], onSiteDetermination: false };
    const dispatched = await operator.post(ticketCommandPath('dispatch', created.body.id), dispatch);
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    matches(ZTicketSummarySchema, dispatched);
    expect((await operator.post(ticketCommandPath('dispatch', created.body.id), dispatch)).status).toBe(409);
    expect((await supervisor.post(ticketCommandPath('urge', created.body.id), { version: dispatched.body.version, note: '请尽快联系' })).status).toBe(200);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
