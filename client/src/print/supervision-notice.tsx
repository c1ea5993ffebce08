/** 004 附件2 现场协调督办通知, in the layout of the paper form. */
import type { SupervisionView } from '../../../shared/schemas/supervision';
import { fullTime } from '../components/action-forms/time';
import { FitToPage } from './print-parts';
import { chineseDate, ISSUER } from './supervision-sheet';

export function SupervisionNotice({ sheet }: { sheet: SupervisionView }) {
  const n = sheet.onSite;
  if (!n) return null;
  return (
    <FitToPage className="supervision-notice" testId="supervision-notice">
      <h1 className="sheet-title">62112345便民服务专线现场协调督办通知</h1>
      <p className="sheet-to">{sheet.unitName}：</p>
      <table className="sheet-table">
        <colgroup>
          <col style={{ width: '20%' }} />
          <col style={{ width: '30%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '30%' }} />
        </colgroup>
        <tbody>
          <tr className="mid">
            <th>协调督办事由</th>
            <td colSpan={3} className="pre-wrap">
              {n.subject}
              <div className="sheet-note">
                （工单 {sheet.ticket.number}：{sheet.ticket.address}）
              </div>
            </td>
          </tr>
          <tr>
            <th>协调督办编号</th>
            <td colSpan={3}>{sheet.number}</td>
          </tr>
          <tr>
            <th>协调督办地点</th>
            <td colSpan={3}>
              {n.place}（{fullTime(n.meetingAt)}）
            </td>
          </tr>
          <tr className="mid">
            <th>协调督办流程</th>
            <td colSpan={3} className="pre-wrap">
              {n.procedure}
            </td>
          </tr>
          <tr className="mid">
            <th>出席范围</th>
            <td colSpan={3} className="pre-wrap">
              {n.attendees}
            </td>
          </tr>
          <tr>
            <th>联系人</th>
            <td>{n.contactName}</td>
            <th>联系电话</th>
            <td>{n.contactPhone}</td>
          </tr>
          <tr className="mid">
            <th>备注</th>
            <td colSpan={3} className="pre-wrap">
              {n.remarks ?? ''}
              <div className="sheet-note">承办单位收到本通知后应在当天进行登记，报告主要领导，按职责分解任务并落实会议场所等准备工作。</div>
              {n.outcome && (
                <div>
                  现场协调结果：{n.outcome}；处置时限：{n.deadline}
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
