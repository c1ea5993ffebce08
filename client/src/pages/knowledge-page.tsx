/**
 * The knowledge base editor (PRODUCT.md §1: supervisors edit the knowledge base). Articles with how
 * often operators answered from them; each save is a new version (a stale one is refused), a
 * retired article stays with its history. Live: another supervisor's save shows at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CATEGORY_CODES } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';
import type { KnowledgeArticleView, TKnowledgeArticleDetail, TKnowledgeArticleInput } from '../../../shared/schemas/knowledge';
import { knowledgeArticleQuery, knowledgeSearchQuery, saveArticle } from '../api/knowledge';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { errorText, fieldErrors } from '../lib/error-text';
import { useI18n } from '../lib/i18n';

type Detail = TKnowledgeArticleDetail;
const NONE: KnowledgeArticleView[] = [];
interface Values extends Omit<TKnowledgeArticleInput, 'categoryCode' | 'details'> {
  categoryCode?: string | null;
  active: boolean;
  office?: string;
  address?: string;
  hours?: string;
  /** One document per line. */
  documents?: string;
  phone?: string;
  sample: boolean;
}

export function KnowledgePage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  // The list is read again on every knowledge event (client/src/api/knowledge.ts); the article being
  // edited only when opened, saved or reloaded by the supervisor.
  const articles = useQuery(knowledgeSearchQuery({ all: '1', limit: '100', ...(query.trim() ? { q: query.trim() } : {}) })).data?.articles ?? NONE;
  const opened = useQuery({ ...knowledgeArticleQuery(typeof selected === 'number' ? selected : 0), enabled: typeof selected === 'number' });
  const detail: Detail | null = typeof selected === 'number' ? (opened.data ?? null) : null;
  // Someone else saved the article being edited: say so rather than overwrite their words.
  const listed = detail ? articles.find((a) => a.id === detail.id) : undefined;
  const stale = Boolean(detail && listed && listed.version > detail.version);

  // The form takes the article as opened (or saved, or reloaded): never while the supervisor types.
  useEffect(() => {
    if (!detail) return;
    form.setFieldsValue({
      title: detail.title,
      categoryCode: detail.categoryCode,
      keywords: detail.keywords,
      body: detail.body,
      answer: detail.answer,
      active: detail.active,
      office: detail.details.office,
      address: detail.details.address,
      hours: detail.details.hours,
      documents: detail.details.documents.join('\n'),
      phone: detail.details.phone,
      sample: detail.details.sample,
    });
  }, [detail?.id, detail?.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const reopen = (id: number) => void qc.invalidateQueries({ queryKey: knowledgeArticleQuery(id).queryKey });

  const select = (id: number | 'new') => {
    setSelected(id);
    if (id === 'new') {
      form.resetFields();
      form.setFieldsValue({ active: true, keywords: '', categoryCode: null, sample: false });
    } else reopen(id);
  };

  const saving = useMutation({
    mutationFn: (v: Values) => {
      const input = {
        title: v.title,
        categoryCode: (v.categoryCode ?? null) as TKnowledgeArticleInput['categoryCode'],
        keywords: v.keywords ?? '',
        body: v.body,
        answer: v.answer,
        details: {
          office: v.office ?? '',
          address: v.address ?? '',
          hours: v.hours ?? '',
          documents: (v.documents ?? '')
            .split('\n')
            .map((d) => d.trim())
            .filter(Boolean),
          phone: v.phone ?? '',
          sample: v.sample,
        },
      };
      return saveArticle(qc, detail === null ? { id: null, input } : { id: detail.id, input: { ...input, active: v.active, version: detail.version } });
    },
    onSuccess: (saved) => {
      message.success(t('kb.saved', { title: saved.title, version: saved.version }));
      setSelected(saved.id);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'validation_failed')
        form.setFields(fieldErrors(locale, err).map((f) => ({ ...f, name: f.name.replace(/^details\./, '').replace(/\.\d+$/, '') as keyof Values })));
      message.error(errorText(locale, err));
    },
  });

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    saving.mutate(v);
  };

  return (
    <AppShell>
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
              {
                title: t('kb.field.title'),
                dataIndex: 'title',
                ellipsis: true,
                render: (title: string, r) => (
                  <>
                    {title}
                    {r.details.sample && <Tag className="kb-sample-tag">{t('kb.sampleTag')}</Tag>}
                  </>
                ),
              },
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
              <Form.Item htmlFor="kb-title" label={t('kb.field.title')} name="title" rules={[{ required: true, message: t('valid.kbTitle') }]}>
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
              <Form.Item htmlFor="kb-keywords" label={t('kb.field.keywords')} name="keywords" extra={t('kb.keywordsHelp')}>
                <Input id="kb-keywords" maxLength={500} />
              </Form.Item>
              <Form.Item
                htmlFor="kb-answer"
                label={t('kb.field.answer')}
                name="answer"
                rules={[{ required: true, message: t('valid.kbAnswer') }]}
                extra={t('kb.answerHelp')}
              >
                <Input.TextArea id="kb-answer" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
              <Form.Item htmlFor="kb-body" label={t('kb.field.body')} name="body" rules={[{ required: true, message: t('valid.kbBody') }]}>
                <Input.TextArea id="kb-body" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
              <Space size={12} className="kb-row" wrap>
                <Form.Item htmlFor="kb-office" label={t('kb.field.office')} name="office">
                  <Input id="kb-office" maxLength={100} style={{ width: 260 }} />
                </Form.Item>
                <Form.Item htmlFor="kb-phone" label={t('kb.field.phone')} name="phone">
                  <Input id="kb-phone" maxLength={100} style={{ width: 200 }} />
                </Form.Item>
              </Space>
              <Form.Item htmlFor="kb-address" label={t('kb.field.address')} name="address">
                <Input id="kb-address" maxLength={200} />
              </Form.Item>
              <Form.Item htmlFor="kb-hours" label={t('kb.field.hours')} name="hours">
                <Input id="kb-hours" maxLength={200} />
              </Form.Item>
              <Form.Item htmlFor="kb-documents" label={t('kb.field.documents')} name="documents" extra={t('kb.documentsHelp')}>
                <Input.TextArea id="kb-documents" autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
              <Form.Item htmlFor="kb-sample" label={t('kb.field.sample')} name="sample" valuePropName="checked" extra={t('kb.sampleHelp')}>
                <Switch id="kb-sample" />
              </Form.Item>
              <Space>
                <Button type="primary" onClick={() => void save()} loading={saving.isPending} data-testid="kb-save">
                  {t('kb.save')}
                </Button>
                {stale && detail && <Button onClick={() => reopen(detail.id)}>{t('kb.reload')}</Button>}
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
