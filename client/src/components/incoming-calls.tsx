/**
 * Incoming calls on the operator's console (PRODUCT.md §7, 8): every waiting call pops with the
 * caller's number and history; "接听" takes it (only one operator can) and opens the intake
 * form linked to it; the operator's own call; abandoned calls to call back in one click.
 */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Collapse, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { CallDetail, CallView } from '../../../shared/schemas/call';
import { callBack as placeCallBack, callDetailQuery, claimCall, releaseCall, voiceTokenQuery } from '../api/calls';
import { useCallAlert, useChimeSetting } from '../lib/call-alert';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { isMine, isWaiting, needsCallback, useLiveCalls } from '../lib/live-calls';
import { useSession } from '../lib/session';
import type { Softphone } from '../lib/softphone';
import { shortTime } from './action-forms/time';
import { CallPopCard, mmss, secondsSince } from './call-pop-card';
import { CallSimulatorPanel } from './call-simulator-panel';
import { Panel } from './panel';
import './incoming-calls.css';

/** The call an intake record is being taken from. */
export interface LinkedCall {
  id: number;
  /** The caller's full number (null when withheld). */
  phone: string | null;
}

function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function IncomingCalls({ onTake, linked }: { onTake(call: LinkedCall): void; linked: LinkedCall | null }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const qc = useQueryClient();
  const live = useLiveCalls();
  const now = useNow();
  // Simulator or Twilio, and a fresh softphone token (tokens expire: read on every mount).
  const info = useQuery(voiceTokenQuery).data ?? null;
  const [softphone, setSoftphone] = useState<Softphone | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  /** Full numbers of the calls this operator took, shown on their own call while it lasts. */
  const [taken, setTaken] = useState<Map<number, string | null>>(new Map());
  /** The call we took in the browser: its leg is accepted without another click. */
  const expecting = useRef<number | null>(null);
  /** Until when a leg without a callId is our own call-back ringing us (Twilio mode). */
  const expectingCallBack = useRef(0);

  useEffect(() => {
    let sp: Softphone | null = null;
    let cancelled = false;
    const i = info;
    if (!i || i.mode !== 'twilio' || !i.token) return;
    const token = i.token;
    void (async () => {
      const { startSoftphone } = await import('../lib/softphone');
      sp = await startSoftphone(token, {
        onIncoming: (leg) => {
          // A call-back rings us through calls.create, without a callId parameter: take the one
          // leg that arrives soon after 回拨 was clicked.
          const callBackLeg = leg.callId === null && Date.now() < expectingCallBack.current;
          if (callBackLeg) expectingCallBack.current = 0;
          if (callBackLeg || (leg.callId !== null && leg.callId === expecting.current)) leg.accept();
          else leg.reject();
        },
        onActive: () => undefined,
        onError: (m) => void message.warning(m),
      });
      if (cancelled) sp.destroy();
      else setSoftphone(sp);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
      sp?.destroy();
    };
  }, [info, message]);

  const byQueued = (a: CallView, b: CallView) => (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt);
  const waiting = live.calls.filter(isWaiting).sort(byQueued);
  const mine = user ? live.calls.filter((c) => isMine(c, user.id)) : [];
  const [chimeOn, setChimeOn] = useChimeSetting();
  const alertTitle = useCallback((n: number) => t('calls.titleFlash', { n }), [t]);
  useCallAlert({ waitingIds: waiting.map((c) => c.id), busy: mine.length > 0, chimeOn, title: alertTitle });
  const callbacks = live.calls.filter(needsCallback).sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''));

  // The screen pop: each new caller's number and history, asked as soon as the call appears (once per call).
  const pops = useQueries({ queries: waiting.map((c) => callDetailQuery(c.id)) });
  const details = new Map<number, CallDetail>();
  pops.forEach((p, i) => {
    const call = waiting[i];
    if (call && p.data) details.set(call.id, p.data);
  });

  const act = async (id: number, fn: () => Promise<void>) => {
    setBusy(id);
    try {
      await fn();
    } catch (err) {
      message.error(errorText(locale, err));
    } finally {
      setBusy(null);
    }
  };

  const take = (c: CallView) =>
    act(c.id, async () => {
      const via = softphone ? 'browser' : 'desk';
      if (via === 'browser') expecting.current = c.id;
      const call = await claimCall(qc, c.id, { via });
      setTaken((prev) => new Map(prev).set(c.id, call.citizenPhone));
      onTake({ id: c.id, phone: call.citizenPhone });
      message.success(t('calls.taken', { phone: call.citizenPhone ?? t('calls.withheld') }));
    });
  // Alt+J takes the call that has waited longest, from anywhere on the page (the form keeps its keys).
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.key.toLowerCase() !== 'j') return;
    e.preventDefault();
    const first = waiting[0];
    if (first && mine.length === 0 && busy === null) void take(first);
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  const release = (c: CallView) => act(c.id, () => releaseCall(qc, c.id));
  const callBack = (c: CallView) =>
    act(c.id, async () => {
      if (softphone) expectingCallBack.current = Date.now() + 60_000;
      await placeCallBack(qc, c.id);
      message.success(t('calls.callingBack', { phone: c.citizenPhoneMasked ?? '' }));
    });

  const isSupervisor = user?.roles.includes('supervisor') ?? false;
  const title = (
    <Space size={8}>
      {t('calls.title')}
      <Badge count={waiting.length} showZero={false} data-testid="waiting-count" />
    </Space>
  );
  const extra = (
    <Space size={6}>
      {info && (
        <Tag color={info.mode === 'twilio' ? 'blue' : 'default'}>
          {info.mode === 'twilio' ? (softphone ? t('calls.softphoneReady') : t('calls.deskPhone')) : t('calls.simulatorMode')}
        </Tag>
      )}
      <Tooltip title={t('calls.keys')}>
        <Button size="small" type="text" data-testid="chime-toggle" aria-pressed={chimeOn} onClick={() => setChimeOn(!chimeOn)}>
          {chimeOn ? t('calls.chimeOn') : t('calls.chimeOff')}
        </Button>
      </Tooltip>
      {isSupervisor && info?.mode === 'simulator' && <CallSimulatorPanel />}
    </Space>
  );

  return (
    <Panel title={title} extra={extra} className="calls-card" data-testid="incoming-calls">
      {mine.map((c) => (
        <div key={c.id} className="call-mine" data-testid="my-call">
          <Tag color="green">{t('calls.mine')}</Tag>
          <span className="mono">{(linked?.id === c.id ? linked.phone : taken.get(c.id)) ?? c.citizenPhoneMasked}</span>
          <Tag>{t(`calls.status.${c.status}`)}</Tag>
          <span className="call-pop-wait">{c.answeredAt ? t('calls.talking', { time: mmss(secondsSince(c.answeredAt, now)) }) : ''}</span>
          {c.direction === 'inbound' && !c.answeredAt && (
            <Button size="small" onClick={() => void release(c)} loading={busy === c.id}>
              {t('calls.release')}
            </Button>
          )}
          {softphone && (
            <Button size="small" danger onClick={() => softphone.hangup()}>
              {t('calls.hangup')}
            </Button>
          )}
        </div>
      ))}
      {waiting.map((c) => (
        <CallPopCard key={c.id} call={c} detail={details.get(c.id)} now={now} busy={busy === c.id} onTake={() => void take(c)} />
      ))}
      {waiting.length === 0 && mine.length === 0 && <Typography.Text type="secondary">{t('calls.none')}</Typography.Text>}
      {callbacks.length > 0 && (
        <Collapse
          size="small"
          ghost
          className="call-callbacks"
          items={[
            {
              key: 'callbacks',
              label: t('calls.callbacks', { n: callbacks.length }),
              children: callbacks.map((c) => (
                <div key={c.id} className="call-callback" data-testid="callback-row">
                  <span className="mono">{c.citizenPhoneMasked ?? t('calls.withheld')}</span>
                  <span className="call-pop-wait">{t('calls.abandonedAt', { time: shortTime(c.endedAt ?? c.createdAt), wait: mmss(c.waitSeconds ?? 0) })}</span>
                  <Button size="small" onClick={() => void callBack(c)} loading={busy === c.id} disabled={!c.citizenPhoneMasked} data-testid="callback">
                    {t('calls.callback')}
                  </Button>
                </div>
              )),
            },
          ]}
        />
      )}
    </Panel>
  );
}
