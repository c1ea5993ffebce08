/**
 * /supervision/:id/print?doc=sheet|notice — the supervision sheet (004 附件1) and the on-site
 * coordination notice (004 附件2), outside the console's shell, one A4 page each (print.css).
 */
import { Button, Result, Segmented, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { SupervisionView } from '../../../shared/schemas/supervision';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { SupervisionNotice } from './supervision-notice';
import { SupervisionSheet } from './supervision-sheet';
import './print.css';

export function SupervisionPrintPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const [sheet, setSheet] = useState<SupervisionView | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    api<SupervisionView>('GET', `/api/supervisions/${id}`)
      .then(setSheet)
      .catch((e: unknown) => setMissing(e instanceof ApiError));
  }, [id]);
  if (missing) return <Result status="404" title={t('sup.empty')} />;
  if (!sheet) return <Spin fullscreen />;
  const doc = params.get('doc') === 'notice' && sheet.onSite ? 'notice' : 'sheet';
  return (
    <div className="print-page" data-testid="supervision-print">
      <div className="print-toolbar no-print">
        {sheet.onSite && (
          <Segmented
            value={doc}
            onChange={(v) => setParams({ doc: String(v) })}
            options={[
              { value: 'sheet', label: t('sup.printSheet') },
              { value: 'notice', label: t('sup.printNotice') },
            ]}
          />
        )}
        <Button type="primary" onClick={() => window.print()}>
          {t('rpt.printNow')}
        </Button>
        <Link to={`/supervision?id=${sheet.id}`}>{t('sup.title')}</Link>
      </div>
      {doc === 'notice' ? <SupervisionNotice sheet={sheet} /> : <SupervisionSheet sheet={sheet} />}
    </div>
  );
}
