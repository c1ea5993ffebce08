/**
 * Knowledge base answers during a consultation (SPEC 1, 000 三(八) 简易流程): searched from what
 * the operator types (or the caller's description), ↑/↓ to pick, Enter to answer from it and
 * close the matter on the call — the use is counted on the article.
 */
import { Button, Empty, Input, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useImperativeHandle } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { KnowledgeArticleView, KnowledgeSearchAnswer } from '../../../shared/schemas/knowledge';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';

export interface KnowledgePanelHandle {
  focus(): void;
}

export interface KnowledgePanelProps {
  /** What the caller said (searched while the operator has typed nothing here). */
  description: string;
  categoryCode: string | null;
  /** Bumped by a `knowledge.article_saved` event: search again. */
  refreshKey: number;
  onAnswer(article: KnowledgeArticleView): void;
  ref?: Ref<KnowledgePanelHandle>;
}

export function KnowledgePanel({ description, categoryCode, refreshKey, onAnswer, ref }: KnowledgePanelProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [articles, setArticles] = useState<KnowledgeArticleView[]>([]);
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState('');
  const input = useRef<HTMLInputElement | null>(null);
  const text = (query.trim() || description.trim()).slice(0, 300);

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }));

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ q: text, limit: '6', ...(categoryCode && !query.trim() ? { category: categoryCode } : {}) });
      api<KnowledgeSearchAnswer>('GET', `/api/knowledge?${q}`)
        .then((a) => {
          if (stale) return;
          setArticles(a.articles);
          setActive(0);
          setSearched(text);
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, categoryCode, query, refreshKey]);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(articles.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && articles[active]) {
      e.preventDefault();
      onAnswer(articles[active]!);
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
        <div className="kb-list" role="listbox" aria-label={t('console.kbTitle')}>
          {articles.map((a, i) => (
            <div
              key={a.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'kb-item active' : 'kb-item'}
              data-testid="kb-item"
              onClick={() => setActive(i)}
            >
              <div className="kb-item-head">
                <strong>{a.title}</strong>
                {a.categoryCode && <Tag>{t(`category.${a.categoryCode}` as MessageKey)}</Tag>}
                <span className="kb-uses">{t('console.kbUses', { n: a.useCount })}</span>
              </div>
              {i === active && (
                <>
                  <div className="kb-answer" data-testid="kb-answer">
                    {a.answer}
                  </div>
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
