/**
 * Issue 16.10: server errors read in English. The guard walks the non-test sources of server/,
 * shared/ and db/ and fails naming every Chinese message or field label that
 * server-messages.ts / server-errors.ts cannot put into English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ZRequestReturnInputSchema } from '../ticket/commands';
import { checkCommand } from '../ticket/machine';
import { actor, buildTicket, UNIT } from '../ticket/test-builders';
import { messageEn, serverErrorText, serverFieldErrors, TEMPLATE_SHAPES } from './server-errors';
import { FIELD_LABELS_EN } from './server-messages';

const ROOT = join(import.meta.dirname, '..', '..');
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Where a Chinese text sits and what the server does with it. */
interface Found {
  where: string;
  kind: 'label' | 'message' | 'template';
  text: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) sourceFiles(p, out);
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'test-builders.ts') out.push(p);
  }
  return out;
}

const fnName = (n: ts.Node): string | undefined => {
  if (ts.isFunctionDeclaration(n)) return n.name?.text;
  if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  return undefined;
};
/** The `${…}` holes of a template literal as `{}`. */
const shapeOf = (t: ts.TemplateExpression) => t.head.text + t.templateSpans.map((s) => `{}${s.literal.text}`).join('');
const ZOD_CHECKS = new Set(['min', 'max', 'int', 'positive', 'nonnegative', 'regex', 'refine', 'length', 'gte', 'lte', 'lt', 'gt']);

/**
 * The Chinese texts in message positions: arguments of `new AppError`, `error:`/`message:`
 * properties, zod checks' message arguments, per-field `fields.x = …`, constants passed as
 * messages, returns of `…Failure`/`…Message` functions, and the argument a helper takes as its
 * `label` (or `message`) parameter.
 */
function scan(): Found[] {
  const sources = ['server', 'shared', 'db']
    .flatMap((d) => sourceFiles(join(ROOT, d)))
    .map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true));
  const params = new Map<string, { index: number; role: 'label' | 'message' }>();
  const messageNames = new Set(['message']);
  const found: Found[] = [];
  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      const name = fnName(n);
      if (name && ts.isFunctionLike(n))
        n.parameters.forEach((p, index) => {
          if (ts.isIdentifier(p.name) && (p.name.text === 'label' || p.name.text === 'message')) params.set(name, { index, role: p.name.text });
        });
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'AppError')
        n.arguments?.slice(1).forEach((a) => ts.isIdentifier(a) && messageNames.add(a.text));
      // A variable handed to a helper's `message` parameter (ruleViolation(failure)) is a message too.
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'ruleViolation')
        n.arguments.forEach((a) => ts.isIdentifier(a) && messageNames.add(a.text));
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  for (const sf of sources) {
    const where = (n: ts.Node) => `${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const collect = (n: ts.Node, kind: 'label' | 'message', objects = false): void => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (CJK.test(n.text)) found.push({ where: where(n), kind, text: n.text });
      } else if (ts.isTemplateExpression(n)) {
        const shape = shapeOf(n);
        if (CJK.test(shape)) found.push({ where: where(n), kind: kind === 'label' ? 'label' : 'template', text: shape });
      } else if (ts.isConditionalExpression(n)) {
        collect(n.whenTrue, kind);
        collect(n.whenFalse, kind);
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
        collect(n.left, kind);
        collect(n.right, kind);
      } else if (ts.isParenthesizedExpression(n)) collect(n.expression, kind);
      else if (objects && ts.isObjectLiteralExpression(n)) {
        for (const p of n.properties) if (ts.isPropertyAssignment(p)) collect(p.initializer, kind);
      } else if (ts.isArrowFunction(n) && !ts.isBlock(n.body)) collect(n.body, kind);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'AppError')
        n.arguments?.slice(1).forEach((a) => collect(a, 'message', true));
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const role = ts.isIdentifier(callee) ? params.get(callee.text) : undefined;
        const arg = role && n.arguments[role.index];
        if (role && arg) collect(arg, role.role);
        if (ts.isPropertyAccessExpression(callee) && ZOD_CHECKS.has(callee.name.text))
          n.arguments.forEach((a) => (ts.isStringLiteral(a) || ts.isTemplateExpression(a) ? collect(a, 'message') : undefined));
      }
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (n.name.text === 'error' || n.name.text === 'message')) collect(n.initializer, 'message');
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (messageNames.has(n.name.text) || /MESSAGES?$/.test(n.name.text)))
        collect(n.initializer, 'message', true);
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = n.left;
        const target = ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? left.expression : undefined;
        if (target && ts.isIdentifier(target) && target.text === 'fields') collect(n.right, 'message');
      }
      if (ts.isReturnStatement(n) && n.expression) {
        let f: ts.Node | undefined = n.parent;
        while (f && !ts.isFunctionLike(f)) f = f.parent;
        const name = f && fnName(f);
        if (name && /(Failure|Message)$/.test(name)) collect(n.expression, 'message');
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

/** What the guard says is missing: one line per text, with where it is. */
function missing(found: readonly Found[], labels: Readonly<Record<string, string>> = FIELD_LABELS_EN): string[] {
  return found
    .filter((f) => {
      if (f.kind === 'label') return CJK.test(f.text) && labels[f.text] === undefined;
      if (f.kind === 'template') return !TEMPLATE_SHAPES.some((shape) => shape.test(f.text));
      const en = messageEn(f.text);
      return en === null || CJK.test(en);
    })
    .map((f) => `${f.where} ${f.kind}: ${f.text}`);
}

describe('server errors in English', () => {
  const found = scan();

  it('finds the server’s messages, templates and field labels', () => {
    const texts = new Set(found.map((f) => f.text));
    expect(texts).toContain('工单不存在');
    expect(texts).toContain('退单理由');
    expect(texts).toContain('工单当前为「{}」，不能{}（仅限{}）');
    expect(texts).toContain('请填写{}');
    expect(found.length).toBeGreaterThan(300);
  });

  it('has English for every Chinese message and label the server can send', () => {
    expect(missing(found)).toEqual([]);
  });

  it('names a message or label whose entry is removed', () => {
    const label = found.find((f) => f.text === '退单理由')!;
    const { 退单理由: _, ...withoutOne } = FIELD_LABELS_EN;
    expect(missing([label], withoutOne)).toEqual([`${label.where} label: 退单理由`]);
    expect(missing([{ where: 'x.ts:1', kind: 'message', text: '一条没有英文的新消息' }])).toEqual(['x.ts:1 message: 一条没有英文的新消息']);
    expect(missing([{ where: 'x.ts:2', kind: 'template', text: '新的模板{}没有规则' }])).toEqual(['x.ts:2 template: 新的模板{}没有规则']);
  });

  it('reads the machine’s state refusal in English', () => {
    const check = checkCommand(buildTicket('dispatched'), 'reply', actor('liaison', UNIT.lead));
    expect(check.ok).toBe(false);
    const message = check.ok ? '' : check.message;
    expect(message).toMatch(CJK);
    const en = serverErrorText('en', { code: check.ok ? 'internal' : check.code, message });
    expect(en).not.toMatch(CJK);
    expect(en).toBe('The ticket is “dispatched”: you cannot reply (only when “in progress”)');
  });

  it('reads a required-field message and its field in English', () => {
    const parsed = ZRequestReturnInputSchema.safeParse({ suggestedUnitId: 3 });
    expect(parsed.success).toBe(false);
    const fieldMessage = parsed.error!.issues[0]!.message;
    expect(fieldMessage).toBe('请填写退单理由');
    const error = new AppError('validation_failed', `输入有误：${fieldMessage}`, { reason: fieldMessage });
    expect(serverErrorText('en', error)).toBe('Invalid input: Please fill in Reason for the return');
    expect(serverFieldErrors('en', error)).toEqual({ reason: 'Please fill in Reason for the return' });
  });

  it('keeps Chinese as the server sent it and falls back to the code’s English', () => {
    expect(serverErrorText('zh-CN', { code: 'not_found', message: '工单不存在' })).toBe('工单不存在');
    expect(serverErrorText('en', { code: 'not_found', message: '一条没有英文的新消息' })).toBe('Not found');
    expect(serverErrorText('en', { code: 'network', message: '网络错误，请稍后重试' })).toBe('Network error, please retry');
    expect(serverFieldErrors('en', { code: 'validation_failed', fields: { x: '未知的提示' } }).x).not.toMatch(CJK);
    expect(messageEn('督办当前为「已办结」，不能书面反馈（仅限「待反馈」）')).toBe(
      'The supervision is “closed”: you cannot reply in writing (only when “awaiting reply”)',
    );
    expect(messageEn('书面督办只能提级为现场协调督办或提级协调督办')).toBe(
      'Written supervision can only be escalated to On-site coordination supervision or Escalated supervision',
    );
    expect(messageEn('输入有误：缺少问题分类：group_renting、noise')).toBe('Invalid input: Missing category: Group renting, Noise');
  });
});
