/**
 * The knowledge base editor (SPEC 1: supervisors edit the knowledge base). Articles with how
 * often operators answered from them; each save is a new version (a stale one is refused), a
 * retired article stays with its history. Live: another supervisor's save shows at once.
 */
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { CATEGORY_CODES } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { KnowledgeArticleView, KnowledgeSearchAnswer, KnowledgeVersionView, TKnowledgeArticleInput } from '../../../shared/schemas/knowledge';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useLiveStream } from '../lib/live';

type Detail = KnowledgeArticleView & { versions: KnowledgeVersionView[] };
interface Values extends Omit<TKnowledgeArticleInput, 'categoryCode'> {
  categoryCode?: string | null;
  active: boolean;
}

export function KnowledgePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [articles, setArticles] = useState<KnowledgeArticleView[]>([]);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);

  const list = useCallback(async () => {
    const q = new URLSearchParams({ all: '1', limit: '100', ...(query.trim() ? { q: query.trim() } : {}) });
    const a = await api<KnowledgeSearchAnswer>('GET', `/api/knowledge?${q}`);
    setArticles(a.articles);
    return 0;
  }, [query]);

  const open = useCallback(
    async (id: number) => {
      const d = await api<Detail>('GET', `/api/knowledge/${id}`);
      setDetail(d);
      setStale(false);
      form.setFieldsValue({ title: d.title, categoryCode: d.categoryCode, keywords: d.keywords, body: d.body, answer: d.answer, active: d.active });
    },
    [form],
  );

  useEffect(() => void list().catch(() => undefined), [list]);

  const stream = useLiveStream({
    onEvent: (e) => {
      if (e.type !== 'knowledge.article_saved' && e.type !== 'knowledge.used') return;
      void list().catch(() => undefined);
      const id = (e.data as { article?: { id: number; version: number }; articleId?: number } | null)?.article;
      // Someone else saved the article being edited: say so rather than overwrite their words.
      if (id && detail && id.id === detail.id && id.version > detail.version) setStale(true);
    },
    onReady: () => void list().catch(() => undefined),
  });

  const select = (id: number | 'new') => {
    setSelected(id);
    if (id === 'new') {
      setDetail(null);
      setStale(false);
      form.resetFields();
      form.setFieldsValue({ active: true, keywords: '', categoryCode: null });
    } else void open(id);
  };

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const body = { title: v.title, categoryCode: v.categoryCode ?? null, keywords: v.keywords ?? '', body: v.body, answer: v.answer };
      const saved =
        detail === null
          ? await api<KnowledgeArticleView>('POST', '/api/knowledge', body)
          : await api<KnowledgeArticleView>('PUT', `/api/knowledge/${detail.id}`, { ...body, active: v.active, version: detail.version });
      message.success(t('kb.saved', { title: saved.title, version: saved.version }));
      setSelected(saved.id);
      await open(saved.id);
      await list();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed')
        form.setFields(Object.entries(err.fields).map(([name, e]) => ({ name: name as keyof Values, errors: [e] })));
      message.error(err instanceof ApiError ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell status={stream.status}>
      <div className="kb-grid">
        <Card
          size="small"
          title={`${t('kb.title')} · ${articles.length}`}
          extra={
            <Space>
              <Input.Search
                allowClear
                placeholder={t('console.kbPlaceholder')}
                onSearch={setQuery}
                onChange={(e) => !e.target.value && setQuery('')}
                style={{ width: 220 }}
                data-testid="kb-editor-search"
              />
              <Button type="primary" onClick={() => select('new')} data-testid="kb-new">
                {t('kb.new')}
              </Button>
            </Space>
          }
        >
          <Table<KnowledgeArticleView>
            data-testid="kb-table"
            size="small"
            rowKey="id"
            dataSource={articles}
            pagination={false}
            scroll={{ y: 'calc(100vh - 190px)' }}
            rowClassName={(r) => [r.id === selected ? 'row-selected' : '', r.active ? '' : 'row-retired', 'row-open'].join(' ')}
            onRow={(r) => ({ onClick: () => select(r.id), tabIndex: 0, onKeyDown: (e) => e.key === 'Enter' && select(r.id) })}
            columns={[
              { title: t('kb.field.title'), dataIndex: 'title', ellipsis: true },
              {
                title: t('console.category'),
                dataIndex: 'categoryCode',
                width: 130,
                render: (c: string | null) => (c ? t(`category.${c}` as MessageKey) : '—'),
              },
              { title: t('kb.uses'), dataIndex: 'useCount', width: 70, align: 'right' },
              { title: t('kb.updated'), dataIndex: 'updatedAt', width: 130, render: (d: string) => fullTime(d) },
              {
                title: t('kb.state'),
                dataIndex: 'active',
                width: 70,
                render: (a: boolean) => (a ? <Tag color="green">{t('kb.active')}</Tag> : <Tag>{t('kb.retired')}</Tag>),
              },
            ]}
          />
        </Card>
        <Card size="small" title={selected === null ? t('kb.pick') : detail ? t('kb.editing', { version: detail.version }) : t('kb.new')} className="kb-editor">
          {selected !== null && (
            <Form
              form={form}
              layout="vertical"
              size="middle"
              data-testid="kb-form"
              onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && (e.preventDefault(), void save())}
            >
              {stale && <Typography.Paragraph type="warning">{t('kb.stale')}</Typography.Paragraph>}
              <Form.Item label={t('kb.field.title')} name="title" rules={[{ required: true, message: '请填写标题' }]}>
                <Input id="kb-title" maxLength={60} />
              </Form.Item>
              <Space size={12} className="kb-row">
                <Form.Item label={t('console.category')} name="categoryCode">
                  <Select allowClear style={{ width: 200 }} options={CATEGORY_CODES.map((c) => ({ value: c, label: t(`category.${c}` as MessageKey) }))} />
                </Form.Item>
                <Form.Item label={t('kb.field.active')} name="active" valuePropName="checked">
                  <Switch disabled={detail === null} />
                </Form.Item>
              </Space>
              <Form.Item label={t('kb.field.keywords')} name="keywords" extra={t('kb.keywordsHelp')}>
                <Input id="kb-keywords" maxLength={200} />
              </Form.Item>
              <Form.Item label={t('kb.field.answer')} name="answer" rules={[{ required: true, message: '请填写答复口径' }]} extra={t('kb.answerHelp')}>
                <Input.TextArea id="kb-answer" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
              <Form.Item label={t('kb.field.body')} name="body" rules={[{ required: true, message: '请填写知识内容' }]}>
                <Input.TextArea id="kb-body" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
              <Space>
                <Button type="primary" onClick={() => void save()} loading={busy} data-testid="kb-save">
                  {t('kb.save')}
                </Button>
                {stale && detail && <Button onClick={() => void open(detail.id)}>{t('kb.reload')}</Button>}
              </Space>
              {detail && detail.versions.length > 0 && (
                <div className="kb-history">
                  <Typography.Text strong>{t('kb.history')}</Typography.Text>
                  <Timeline
                    items={detail.versions.map((v) => ({
                      key: v.version,
                      content: (
                        <span>
                          v{v.version} · {fullTime(v.createdAt)} · {v.createdByName ?? t('kb.shipped')}
                          {!v.active && <Tag className="kb-retired-tag">{t('kb.retired')}</Tag>}
                        </span>
                      ),
                    }))}
                  />
                </div>
              )}
            </Form>
          )}
        </Card>
      </div>
    </AppShell>
  );
}
