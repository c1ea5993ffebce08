/**
 * Issue 15: the working-day calendar of a year — where its holidays come from (official schedule,
 * confirmed, or computed from the regulation and provisional) — and, for a computed year, the
 * supervisor's entry of the published schedule (pasted dates or an .ics file) and its confirmation.
 * The parse is the server's own (shared/calendar/published-schedule.ts), shown before sending.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ChangeEvent } from 'react';
import { parseIcsSchedule, parsePastedSchedule } from '../../../shared/calendar/published-schedule';
import { formatShanghai, shanghaiDate, weekdayOf } from '../../../shared/calendar/shanghai';
import type { CalendarYearStatus } from '../../../shared/calendar/types';
import type { MessageKey } from '../../../shared/i18n';
import type { TCalendarYearView } from '../../../shared/schemas/calendar';
import { calendarQuery, confirmCalendarYear, correctCalendarDay } from '../api/calendar';
import { serverNow } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { errorText, fieldErrors } from '../lib/error-text';
import { useI18n } from '../lib/i18n';

const STATUS_COLOR = { official: 'green', confirmed: 'blue', computed: 'orange', weekdays: 'default' } as const satisfies Record<CalendarYearStatus, string>;

export function CalendarPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(() => Number(shanghaiDate(serverNow()).slice(0, 4)) + 1);
  const view = useQuery(calendarQuery(year)).data;
  const working = view?.days.filter((d) => d.working).length ?? 0;
  return (
    <AppShell>
      <Card
        size="small"
        className="calendar-card"
        title={
          <Space>
            {t('cal.title', { year })}
            {view && (
              <Tag color={STATUS_COLOR[view.status]} data-testid="calendar-status">
                {t(`cal.status.${view.status}`)}
              </Tag>
            )}
          </Space>
        }
        extra={<InputNumber aria-label="year" min={2004} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="calendar-year" />}
      >
        {view?.awaiting.map((y) => (
          <Alert key={y} type="warning" showIcon className="calendar-awaiting" data-testid="calendar-awaiting" message={t('cal.awaiting', { year: y })} />
        ))}
        {view && (
          <>
            <Descriptions size="small" column={1} className="calendar-summary">
              <Descriptions.Item label={t('cal.makeUpDays')}>{view.schedule.makeUpDays.join('、') || t('cal.none')}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" data-testid="calendar-working-days">
              {t('cal.workingDays', { n: working })}
              {view.confirmation &&
                ` · ${t('cal.confirmedBy', {
                  at: formatShanghai(view.confirmation.at, 'minute'),
                  source: view.confirmation.source === 'ics' ? t('cal.source.ics') : t('cal.source.paste'),
                  note: view.confirmation.note,
                })}`}
            </Typography.Paragraph>
            {/* Above the year's long list of days off: the correction is what a supervisor comes here to do. */}
            <CorrectDay year={year} corrections={view.corrections} days={view.days} />
            <Table
              size="small"
              rowKey={(r) => `${r.date}-${r.name}`}
              pagination={false}
              data-testid="calendar-days-off"
              dataSource={view.schedule.daysOff}
              columns={[
                { key: 'date', title: t('cal.date'), dataIndex: 'date', width: 130 },
                { key: 'weekday', title: t('cal.weekday'), width: 70, render: (_: unknown, r) => t('weekday.short').split(',')[weekdayOf(r.date)] },
                { key: 'name', title: t('cal.holiday'), dataIndex: 'name', render: (name: string) => holidayName(t, name) },
              ]}
            />
            {view.status === 'computed' && <ConfirmSchedule year={year} />}
          </>
        )}
      </Card>
    </AppShell>
  );
}

function ConfirmSchedule({ year }: { year: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [source, setSource] = useState<'paste' | 'ics'>('paste');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const parsed = useMemo(
    () => (text.trim() === '' ? null : source === 'ics' ? parseIcsSchedule(text, year) : parsePastedSchedule(text, year)),
    [text, source, year],
  );
  const confirm = useMutation({
    mutationFn: () => confirmCalendarYear(qc, year, { source, daysOff: parsed?.daysOff ?? [], makeUpDays: parsed?.makeUpDays ?? [], note }),
    onSuccess: () => {
      message.success(t('cal.confirmed'));
      setText('');
    },
    onError: (e) => e instanceof ApiError && message.error(fieldErrors(locale, e)[0]?.errors[0] ?? errorText(locale, e)),
  });
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  };
  const ready = parsed !== null && parsed.errors.length === 0 && parsed.daysOff.length > 0 && note.trim().length >= 2;
  return (
    <Card size="small" type="inner" title={t('cal.confirmTitle')} className="calendar-confirm" data-testid="calendar-confirm">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          value={source}
          onChange={(v) => {
            setSource(v as 'paste' | 'ics');
            setText('');
          }}
          options={[
            { value: 'paste', label: t('cal.source.paste') },
            { value: 'ics', label: t('cal.source.ics') },
          ]}
        />
        {source === 'paste' ? (
          <>
            <Typography.Text type="secondary">{t('cal.pasteHint')}</Typography.Text>
            <Input.TextArea rows={8} aria-label={t('cal.pasteHint')} value={text} onChange={(e) => setText(e.target.value)} data-testid="calendar-paste" />
          </>
        ) : (
          <label>
            {t('cal.chooseIcs')} <input type="file" accept=".ics,text/calendar" onChange={(e) => void readFile(e)} data-testid="calendar-ics" />
          </label>
        )}
        <Input placeholder={t('cal.note')} aria-label={t('cal.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="calendar-note" />
        {parsed && parsed.errors.length > 0 && <Alert type="error" message={parsed.errors.join('；')} data-testid="calendar-parse-errors" />}
        {parsed && parsed.errors.length === 0 && (
          <Typography.Text data-testid="calendar-preview">
            {t('cal.preview', { off: parsed.daysOff.length, work: parsed.makeUpDays.length })}
            {parsed.makeUpDays.length > 0 && `（${t('cal.makeUpDays')}：${parsed.makeUpDays.join('、')}）`}
          </Typography.Text>
        )}
        <Button type="primary" disabled={!ready} loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="calendar-confirm-button">
          {t('cal.confirm')}
        </Button>
      </Space>
    </Card>
  );
}

/** A statutory holiday's name in the UI's language; a name the catalogue lacks (a local note) as written. */
function holidayName(t: ReturnType<typeof useI18n>['t'], name: string): string {
  const key = `holiday.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

/** PRODUCT.md §4 "supervisors can add or correct days": one date made a day off or a working day, with the reason; open dues follow. */
function CorrectDay({ year, corrections, days }: { year: number; corrections: TCalendarYearView['corrections']; days: TCalendarYearView['days'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [date, setDate] = useState('');
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const current = days.find((d) => d.date === date);
  const save = useMutation({
    mutationFn: () => correctCalendarDay(qc, { date, working, note }),
    onSuccess: () => {
      message.success(t('cal.corrected'));
      setDate('');
      setNote('');
      setErrors({});
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        setErrors(e.fields);
        message.error(Object.values(e.fields)[0] ?? e.message);
      }
    },
  });
  const ready = /^\d{4}-\d{2}-\d{2}$/.test(date) && note.trim().length >= 2;
  return (
    <Card size="small" type="inner" title={t('cal.correctTitle')} className="calendar-correct" data-testid="calendar-correct">
      <Space wrap align="start">
        <label>
          {t('cal.date')}{' '}
          <Input
            type="date"
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            status={errors.date ? 'error' : undefined}
            style={{ width: 160 }}
            data-testid="calendar-correct-date"
          />
        </label>
        <Segmented
          value={working ? 'working' : 'off'}
          onChange={(v) => setWorking(v === 'working')}
          options={[
            { value: 'off', label: t('cal.markOff') },
            { value: 'working', label: t('cal.markWorking') },
          ]}
          data-testid="calendar-correct-kind"
        />
        <Input
          placeholder={t('cal.correctNote')}
          aria-label={t('cal.correctNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          status={errors.note ? 'error' : undefined}
          style={{ width: 320 }}
          data-testid="calendar-correct-note"
        />
        <Button type="primary" disabled={!ready} loading={save.isPending} onClick={() => save.mutate()} data-testid="calendar-correct-button">
          {t('cal.correct')}
        </Button>
      </Space>
      {current && (
        <Typography.Paragraph type="secondary" className="calendar-correct-now" data-testid="calendar-correct-now">
          {t('cal.correctNow', { date, state: current.working ? t('cal.working') : t('cal.off') })}
        </Typography.Paragraph>
      )}
      {corrections.length > 0 && (
        <Table
          size="small"
          rowKey="date"
          pagination={false}
          data-testid="calendar-corrections"
          dataSource={corrections}
          columns={[
            { key: 'date', title: t('cal.date'), dataIndex: 'date', width: 130 },
            { key: 'weekday', title: t('cal.weekday'), width: 70, render: (_: unknown, r) => t('weekday.short').split(',')[weekdayOf(r.date)] },
            { key: 'working', title: t('cal.correctAs'), width: 90, render: (_: unknown, r) => (r.working ? t('cal.working') : t('cal.off')) },
            { key: 'note', title: t('cal.correctNote'), dataIndex: 'note' },
            { key: 'at', title: t('cal.correctAt'), width: 150, render: (_: unknown, r) => formatShanghai(r.at, 'minute') },
          ]}
        />
      )}
    </Card>
  );
}
