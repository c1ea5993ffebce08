/** 004 附件1 督办单, in the layout of the paper form: one A4 page, the centre's name and date. */
import type { SupervisionView } from '../../../shared/schemas/supervision';
import { fullTime } from '../components/action-forms/time';
import { useI18n } from '../lib/i18n';
import { FitToPage } from './print-parts';

/** 2026年11月17日 in Shanghai. */
export function chineseDate(iso: string): string {
  const [y, m, d] = fullTime(iso).slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const ISSUER = '九亭镇城市运行管理中心';

export function SupervisionSheet({ sheet }: { sheet: SupervisionView }) {
  const { t } = useI18n();
  return (
    <FitToPage className="supervision-sheet" testId="supervision-sheet">
      <h1 className="sheet-title">62112345便民服务专线督办单</h1>
      <div className="sheet-meta">
        <span>
          {t(`sup.type.${sheet.type}`)} · {t(`sup.scope.${sheet.scope}`)}
        </span>
        <span>
          {t('sup.due')}：{chineseDate(sheet.dueAt)}
        </span>
      </div>
      <table className="sheet-table supervision-table">
        <colgroup>
          {/* Labels of four characters on one line; the values sized to a ticket number and a time. */}
          <col style={{ width: '13%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '15%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>工单编号</th>
            <td colSpan={2} className="mono-print">
              {sheet.ticket.number}
            </td>
            <th>诉求时间</th>
            <td className="nowrap-print">{fullTime(sheet.ticket.callAt)}</td>
            <th>督办编号</th>
            <td className="mono-print">{sheet.number}</td>
          </tr>
          <tr>
            <th>承办单位</th>
            <td colSpan={6}>{sheet.unitName}</td>
          </tr>
          <tr>
            <th rowSpan={2}>诉求内容</th>
            <th>诉求地址</th>
            <td colSpan={5}>{sheet.ticket.address}</td>
          </tr>
          <tr className="mid">
            <th>内容描述</th>
            <td colSpan={5} className="pre-wrap">
              {sheet.ticket.description}
            </td>
          </tr>
          <tr className="mid">
            <th>相关情况</th>
            <td colSpan={6} className="pre-wrap">
              {sheet.situation}
            </td>
          </tr>
          <tr className="mid">
            <th>督办意见</th>
            <td colSpan={6} className="pre-wrap">
              {sheet.opinion}
              {sheet.escalation && (
                <div>
                  提级方式：{t(`sup.mode.${sheet.escalation.mode}`)}（报请{sheet.escalation.leader}）
                </div>
              )}
              {sheet.instructions.map((i) => (
                <div key={i.at}>
                  领导批示（{i.leader}，{chineseDate(i.at)}）：{i.instruction}
                </div>
              ))}
              <div className="sheet-note">请于{chineseDate(sheet.dueAt)}前书面反馈处置情况，由单位主要领导签字并加盖单位公章。</div>
            </td>
          </tr>
          <tr className="tall">
            <th>督办情况</th>
            <td colSpan={6}>
              {sheet.replies.map((r) => (
                <div key={r.id} className="sheet-reply">
                  <div className="pre-wrap">{r.content}</div>
                  <div className="sheet-sign">
                    {t(`sup.progress.${r.progress}`)}；单位主要领导签字：{r.headName}（{r.signedAt}）{r.sealed ? '；已加盖单位公章' : ''}
                  </div>
                </div>
              ))}
              {sheet.outcomeNote && (
                <div className="sheet-note">
                  {sheet.state === 'progressed' ? '提级' : '办结'}意见：{sheet.outcomeNote}
                </div>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="sheet-issuer">
        <div>{ISSUER}</div>
        <div>{chineseDate(sheet.startedAt)}</div>
      </div>
    </FitToPage>
  );
}
