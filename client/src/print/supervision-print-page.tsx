/**
 * /supervision/:id/print?doc=sheet|notice — the supervision sheet (004 附件1) and the on-site
 * coordination notice (004 附件2), outside the console's shell, one A4 page each (print.css).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Segmented, Spin } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { supervisionQuery } from '../api/supervision';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { SupervisionNotice } from './supervision-notice';
import { SupervisionSheet } from './supervision-sheet';
import './print.css';

export function SupervisionPrintPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const read = useQuery(supervisionQuery(Number(id)));
  const sheet = read.data ?? null;
  const missing = read.error instanceof ApiError;
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
