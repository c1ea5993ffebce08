/**
 * Knowledge base answers during a consultation (PRODUCT.md §1, 000 三(八) 简易流程): searched from what
 * the operator types (or the caller's description), ↑/↓ to pick, Enter to answer from it and
 * close the matter on the call — the use is counted on the article.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Tag, Typography } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { KnowledgeArticleView, TKnowledgeDetails } from '../../../shared/schemas/knowledge';
import { knowledgeSearchQuery } from '../api/knowledge';
import { useI18n } from '../lib/i18n';

export interface KnowledgePanelHandle {
  focus(): void;
}

export interface KnowledgePanelProps {
  /** What the caller said (searched while the operator has typed nothing here). */
  description: string;
  categoryCode: string | null;
  onAnswer(article: KnowledgeArticleView): void;
  ref?: Ref<KnowledgePanelHandle>;
}

const NONE: KnowledgeArticleView[] = [];

export function KnowledgePanel({ description, categoryCode, onAnswer, ref }: KnowledgePanelProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement | null>(null);
  const text = (query.trim() || description.trim()).slice(0, 300);
  const params = JSON.stringify({ q: text, limit: '6', ...(categoryCode && !query.trim() ? { category: categoryCode } : {}) });

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }));

  // Searched a moment after the typing stops; read again when an article is saved or used (client/src/api/knowledge.ts).
  const [asked, setAsked] = useState(params);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(params), 250);
    return () => clearTimeout(timer);
  }, [params]);
  const search = useQuery({ ...knowledgeSearchQuery(JSON.parse(asked) as Record<string, string>), placeholderData: keepPreviousData });
  const articles = search.data?.articles ?? NONE;
  /** What the list shown was searched for ('' before any answer). */
  const searched = search.data?.asked.q ?? '';
  // ↑↓ move within an answer; every new answer starts at its first article.
  const [cursor, setCursor] = useState<{ of: unknown; index: number }>({ of: null, index: 0 });
  const active = cursor.of === search.data ? cursor.index : 0;
  const setActive = (index: number) => setCursor({ of: search.data, index });

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(0, Math.min(articles.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      const article = articles[active];
      if (!article) return;
      e.preventDefault();
      onAnswer(article);
    }
  };

  return (
    <div className="kb-panel" data-testid="knowledge-panel">
      <Input.Search
        id="kb-search"
        ref={(el) => void (input.current = el?.input ?? null)}
        value={query}
        allowClear
        placeholder={t('console.kbPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
      />
      {!query.trim() && description.trim() && (
        <Typography.Text type="secondary" className="kb-hint">
          {t('console.kbFromDescription')}
        </Typography.Text>
      )}
      {articles.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={searched ? t('console.kbNone') : t('console.kbType')} />
      ) : (
        // A list, not a listbox: the active article holds its own controls (the facts, 用此答复), and
        // the keyboard stays in the search field (↑/↓, Enter); WCAG 4.1.2 forbids controls inside an option.
        <div className="kb-list" role="list" aria-label={t('console.kbTitle')}>
          {articles.map((a, i) => (
            <div
              key={a.id}
              role="listitem"
              aria-current={i === active ? 'true' : undefined}
              className={i === active ? 'kb-item active' : 'kb-item'}
              data-testid="kb-item"
              onClick={() => setActive(i)}
            >
              <div className="kb-item-head">
                <strong>{a.title}</strong>
                {a.categoryCode && <Tag>{t(`category.${a.categoryCode}` as MessageKey)}</Tag>}
                {a.details.sample && (
                  <Tag color="orange" data-testid="kb-sample">
                    {t('kb.sampleTag')}
                  </Tag>
                )}
                <span className="kb-uses">{t('console.kbUses', { n: a.useCount })}</span>
              </div>
              {i === active && (
                <>
                  <div className="kb-answer" data-testid="kb-answer">
                    {a.answer}
                  </div>
                  <ArticleDetails details={a.details} />
                  <details className="kb-body">
                    <summary>{t('console.kbFacts')}</summary>
                    {a.body}
                  </details>
                  <Button type="primary" size="small" onClick={() => onAnswer(a)} data-testid="kb-use">
                    {t('console.kbUse')}
                  </Button>
                </>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** Where the matter is handled (issue 16 item 11); sample content says so before anything else. */
function ArticleDetails({ details }: { details: TKnowledgeDetails }) {
  const { t } = useI18n();
  const rows = (
    [
      ['kb.field.office', details.office],
      ['kb.field.address', details.address],
      ['kb.field.hours', details.hours],
      ['kb.field.documents', details.documents.join('；')],
      ['kb.field.phone', details.phone],
    ] satisfies [MessageKey, string][]
  ).filter(([, value]) => value);
  if (rows.length === 0 && !details.sample) return null;
  return (
    <div className="kb-details" data-testid="kb-details">
      {details.sample && <Alert type="warning" showIcon className="kb-sample-notice" title={t('kb.sampleNotice')} />}
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
