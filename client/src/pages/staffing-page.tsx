/**
 * Issue 18.3: the staffing plan — staffed against required per half-hour for a day or a week, gaps
 * in red; the forecast's recent error; shifts and who is on them (supervisors); xlsx and print.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { addCalendarDays, isIsoDate } from '../../../shared/calendar/shanghai';
import type { RosterAnswer } from '../../../shared/schemas/staffing';
import { slotLabel } from '../../../shared/staffing/forecast';
import { gaps } from '../../../shared/staffing/roster';
import { keys } from '../api/keys';
import { assignShift, defineShift, retireShift, rosterQuery, staffingPlanQuery } from '../api/staffing';
import { AppShell } from '../components/app-shell';
import { KeyboardScroll } from '../components/keyboard-scroll';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The plan grid: a row per half-hour, a column per day, "staffed / required" with gaps marked. */
export function RosterGrid({ roster, compact }: { roster: RosterAnswer; compact?: boolean }) {
  const { t } = useI18n();
  const rows = Array.from({ length: 48 }, (_, slot) => ({ key: slot, slot }));
  return (
    <KeyboardScroll label={t('stf.title')}>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={compact ? undefined : { y: 420 }}
        data-testid="staffing-grid"
        columns={[
          { title: t('stf.slot'), dataIndex: 'slot', width: 64, render: (s: number) => slotLabel(s) },
          ...roster.days.map((d) => ({
            title: (
              <span>
                {d.date.slice(5)}
                {d.kind === 'holiday' || d.kind === 'makeup' ? <Tag className="staffing-kind">{t(`stf.kind.${d.kind}`)}</Tag> : null}
              </span>
            ),
            key: d.date,
            render: (_: unknown, r: { slot: number }) => {
              const staffed = d.staffed[r.slot] ?? 0;
              const required = d.required[r.slot] ?? 0;
              const short = staffed < required;
              return (
                <span className={short ? 'staffing-gap' : undefined} data-testid={`cell-${d.date}-${r.slot}`} data-gap={short ? 'yes' : 'no'}>
                  {staffed} / {required} <span className="staffing-calls">({d.calls[r.slot] ?? 0})</span>
                </span>
              );
            },
          })),
        ]}
      />
    </KeyboardScroll>
  );
}

export function StaffingPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const isSupervisor = user?.roles.includes('supervisor') ?? false;
  // No date chosen yet: the server's today (its clock, Shanghai), not this browser's.
  const [chosen, setChosen] = useState<string | null>(null);
  const [span, setSpan] = useState<'day' | 'week'>('day');
  const days = span === 'day' ? 1 : 7;
  const query = chosen ? `from=${chosen}&days=${days}` : `days=${days}`;
  const roster = useQuery(rosterQuery(query)).data;
  const from = chosen ?? roster?.from ?? '';
  const fixed = `from=${from}&days=${days}`;
  const plan = useQuery(staffingPlanQuery(query)).data;
  const shortSlots = roster ? roster.days.reduce((n, d) => n + gaps(d.staffed, d.required).length, 0) : 0;
  return (
    <AppShell>
      <Card
        size="small"
        title={t('stf.title')}
        extra={
          <Space wrap>
            <Input
              key={from}
              aria-label={t('stf.from')}
              style={{ width: 130 }}
              defaultValue={from}
              onBlur={(e) => isIsoDate(e.target.value) && setChosen(e.target.value)}
              onPressEnter={(e) => isIsoDate(e.currentTarget.value) && setChosen(e.currentTarget.value)}
              data-testid="staffing-from"
            />
            <Segmented
              value={span}
              onChange={(v) => setSpan(v as 'day' | 'week')}
              options={[
                { value: 'day', label: t('stf.day') },
                { value: 'week', label: t('stf.week') },
              ]}
            />
            <a href={`/api/staffing/roster/xlsx?${fixed}`} data-testid="staffing-xlsx">
              {t('stf.xlsx')}
            </a>
            <Link to={`/staffing/print?${fixed}`} data-testid="staffing-print">
              {t('stf.print')}
            </Link>
            {isSupervisor && (
              <Link to="/handover" data-testid="staffing-handover-link">
                {t('nav.handover')}
              </Link>
            )}
          </Space>
        }
      >
        {plan && (
          <Typography.Paragraph type="secondary" className="staffing-meta" data-testid="staffing-meta">
            {t('stf.accuracy', { d: pct(plan.accuracy.mapeDay), h: pct(plan.accuracy.mapeHalfHour) })} · {t('stf.aht', { n: plan.ahtSeconds })} ·{' '}
            {t('stf.target', {
              s: plan.settings.answerWithinSeconds,
              p: pct(plan.settings.serviceLevel),
              o: pct(plan.settings.maxOccupancy),
              k: pct(plan.settings.shrinkage),
            })}{' '}
            · {plan.patienceSeconds === null ? t('stf.model.erlangC') : t('stf.model.erlangA', { n: plan.patienceSeconds })}
          </Typography.Paragraph>
        )}
        {roster && (
          <>
            <Typography.Text type={shortSlots ? 'danger' : 'success'} data-testid="staffing-gaps">
              {shortSlots ? t('stf.gaps', { n: shortSlots }) : t('stf.noGaps')}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">{t('stf.cellHint')}</Typography.Text>
            <RosterGrid roster={roster} />
          </>
        )}
      </Card>
      {isSupervisor && roster && <ShiftsCard roster={roster} date={roster.from} />}
    </AppShell>
  );
}

function ShiftsCard({ roster, date }: { roster: RosterAnswer; date: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: keys.staffing.all });
  const fail = (e: unknown) => void message.error(errorText(locale, e));
  const addShift = useMutation({ mutationFn: defineShift, onSuccess: done, onError: fail });
  const retire = useMutation({ mutationFn: retireShift, onSuccess: done, onError: fail });
  const assign = useMutation({ mutationFn: assignShift, onSuccess: done, onError: fail });
  // A retired shift stays in the roster for the days it was worked; it is offered for no new one.
  const inUse = roster.shifts.filter((s) => !s.retired);
  const [shiftId, setShiftId] = useState<number | null>(null);
  const [userId, setUserId] = useState<number | null>(null);
  const name = (id: number) => roster.staff.find((p) => p.id === id)?.displayName ?? String(id);
  const today = roster.assignments.filter((a) => a.date === date);
  return (
    <Card size="small" title={t('stf.shifts')} className="staffing-shifts">
      <Space align="start" wrap size="large">
        <div>
          <ul className="staffing-shift-list" data-testid="shift-list">
            {inUse.map((s) => (
              <li key={s.id}>
                {s.name} {slotLabel(s.startMinute / 30)} · {s.durationMinutes / 60}h{' '}
                <Popconfirm title={t('stf.retireConfirm', { name: s.name })} onConfirm={() => retire.mutate(s.id)}>
                  <Button size="small" type="link" danger data-testid={`shift-retire-${s.id}`}>
                    {t('stf.retire')}
                  </Button>
                </Popconfirm>
              </li>
            ))}
          </ul>
          <Form layout="inline" onFinish={(v: { name: string; start: string; hours: number }) => addShift.mutate(v)}>
            <Form.Item name="name" label={t('stf.shiftName')}>
              <Input style={{ width: 90 }} data-testid="shift-name" />
            </Form.Item>
            <Form.Item name="start" label={t('stf.shiftStart')}>
              <Input style={{ width: 70 }} placeholder="08:00" data-testid="shift-start" />
            </Form.Item>
            <Form.Item name="hours" label={t('stf.shiftHours')} initialValue={8}>
              <InputNumber min={1} max={12} step={0.5} style={{ width: 70 }} data-testid="shift-hours" />
            </Form.Item>
            <Button htmlType="submit" loading={addShift.isPending} data-testid="shift-add">
              {t('stf.addShift')}
            </Button>
          </Form>
        </div>
        <div>
          <Space wrap>
            <Select
              aria-label={t('stf.assignShift')}
              placeholder={t('stf.assignShift')}
              style={{ width: 140 }}
              value={shiftId}
              onChange={setShiftId}
              options={inUse.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="assign-shift"
            />
            <Select
              aria-label={t('stf.assignPerson')}
              placeholder={t('stf.assignPerson')}
              style={{ width: 160 }}
              value={userId}
              onChange={setUserId}
              showSearch
              optionFilterProp="label"
              options={roster.staff.map((p) => ({ value: p.id, label: p.displayName }))}
              data-testid="assign-person"
            />
            <Button
              type="primary"
              disabled={shiftId === null || userId === null}
              loading={assign.isPending}
              onClick={() => shiftId !== null && userId !== null && assign.mutate({ date, shiftId, userId })}
              data-testid="assign-add"
            >
              {t('stf.assign')}
            </Button>
          </Space>
          <Typography.Title level={5}>{t('stf.assignments', { date })}</Typography.Title>
          <ul data-testid="assignment-list">
            {today.length === 0 && <li>{t('stf.none')}</li>}
            {today.map((a) => (
              <li key={a.id}>
                {roster.shifts.find((s) => s.id === a.shiftId)?.name} · {name(a.userId)}{' '}
                <Button size="small" type="link" onClick={() => assign.mutate({ date, shiftId: a.shiftId, userId: a.userId, remove: true })}>
                  {t('stf.remove')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </Space>
    </Card>
  );
}

/** /staffing/print?from=…&days=… — the plan on paper, black on white. */
export function StaffingPrintPage() {
  const { t } = useI18n();
  const params = new URLSearchParams(window.location.search);
  const days = Number(params.get('days') ?? '1');
  const asked = params.get('from');
  const roster = useQuery(rosterQuery(asked ? `from=${asked}&days=${days}` : `days=${days}`)).data;
  const from = roster?.from ?? asked ?? '';
  return (
    <div className="report-print staffing-print" data-testid="staffing-print-page">
      <div className="report-print-toolbar no-print">
        <Button type="primary" onClick={() => window.print()}>
          {t('stf.printNow')}
        </Button>
        <Link to="/staffing">{t('stf.back')}</Link>
      </div>
      <h1>
        {t('stf.title')} · {from}
        {days > 1 ? ` — ${addCalendarDays(from, days - 1)}` : ''}
      </h1>
      <p>{t('stf.cellHint')}</p>
      {roster && <RosterGrid roster={roster} compact />}
    </div>
  );
}
