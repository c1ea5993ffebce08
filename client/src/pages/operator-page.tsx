/**
 * The operator's workspace (PRODUCT.md §7 "Operator"): the intake form, with the caller's history and
 * the knowledge base beside it while typing; incoming calls (telephony, issue 6) and the
 * operator's status; the tickets this operator registered this shift, live. Built for one
 * 1366×768 screen and the keyboard: Alt+K searches the knowledge base, Alt+H shows the history.
 */
import { Alert, Badge, Button } from 'antd';
import { startTransition, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { LiveEvent } from '../../../shared/live/feed';
import type { CallView } from '../../../shared/schemas/call';
import type { KnowledgeArticleView } from '../../../shared/schemas/knowledge';
import { AppShell } from '../components/app-shell';
import { IncomingCalls, type LinkedCall } from '../components/incoming-calls';
import { Panel } from '../components/panel';
import { PanelTabs } from '../components/panel-tabs';
import { ShiftTable } from '../components/shift-table';
import { useI18n } from '../lib/i18n';
import { loadDraft } from '../lib/intake-draft';
import { useLiveTickets } from '../lib/live';
import { useLiveEvent } from '../lib/live/hooks';
import { useMyPresence } from '../lib/presence';
import { useSession } from '../lib/session';
import { useUnits } from '../lib/units';
import { IntakeForm, type Emergency, type IntakeDraft, type IntakeFormHandle } from './intake-form';
import { CallerHistoryPanel } from './operator-history';
import { KnowledgePanel, type KnowledgePanelHandle } from './operator-knowledge';
import { PresenceControl } from './operator-presence';
import { useCallerHistory, usablePhone } from './operator-suggest';

/**
 * Issue 19.4: the form is the operator's first screen and paints alone; the panels beside it render
 * in the next frame, as a transition React may interrupt, so no one long task holds the keyboard.
 */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(() => startTransition(() => setReady(true)), 0));
    return () => cancelAnimationFrame(frame);
  }, []);
  return ready;
}

/** After-call work: back to available on its own unless the operator chose otherwise. */
/** The tab ends wrap-up itself at once; the server ends it too (WRAP_UP_SECONDS, server/console/presence.ts) whatever the tab does. */
const WRAP_UP_SECONDS = 30;

const EMPTY_DRAFT: IntakeDraft = { type: 'complaint_help', contactPhone: '', address: '', description: '', categoryCode: null };

export function OperatorPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const units = useUnits();
  const location = useLocation();
  // A call taken from the queues page arrives with the navigation; after a reload, with the kept draft.
  const [call, setCall] = useState<LinkedCall | null>(
    () => (location.state as { call?: LinkedCall } | null)?.call ?? (user ? loadDraft(user.id)?.call : null) ?? null,
  );
  const [draft, setDraft] = useState<IntakeDraft>(EMPTY_DRAFT);
  const [tab, setTab] = useState<'history' | 'knowledge'>('history');
  const [emergency, setEmergency] = useState<Emergency | null>(null);
  const form = useRef<IntakeFormHandle>(null);
  const kb = useRef<KnowledgePanelHandle>(null);
  const wrapUp = useRef<ReturnType<typeof setTimeout> | null>(null);
  const me = useMyPresence(user?.id ?? null, user?.roles.includes('operator') ?? false);
  const panels = useAfterFirstPaint();

  // The shift: only this operator's tickets, from the snapshot or saved here (client/src/api/tickets.ts).
  const live = useLiveTickets('mine');

  const history = useCallerHistory(draft.contactPhone, draft.address);
  const consultation = draft.type === 'consultation';

  // A consultation is answered from the knowledge base: show it as soon as the type is chosen
  // (set while rendering, when the type changes: https://react.dev/learn/you-might-not-need-an-effect).
  const [tabFollows, setTabFollows] = useState(false);
  if (tabFollows !== consultation) {
    setTabFollows(consultation);
    setTab(consultation ? 'knowledge' : 'history');
  }

  const stopWrapUp = () => {
    if (wrapUp.current) clearTimeout(wrapUp.current);
    wrapUp.current = null;
  };

  const endWrapUp = useEffectEvent(() => {
    stopWrapUp();
    void me.set('available', ['wrap_up']).catch(() => undefined);
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k') {
        e.preventDefault();
        setTab('knowledge');
        setTimeout(() => kb.current?.focus(), 0);
      } else if (key === 'h') {
        e.preventDefault();
        setTab('history');
      } else if (key === 'w') {
        // Alt+W: after-call work done, ready for the next call (the server ends it anyway after WRAP_UP_SECONDS).
        e.preventDefault();
        endWrapUp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => stopWrapUp, []);

  const take = (c: LinkedCall) => {
    stopWrapUp();
    setCall(c);
    void me.set('on_call').catch(() => undefined);
  };

  /** After-call work begins when the operator's call ends (not when its record is saved: the caller may still be on the line). */
  const startWrapUp = () => {
    void me.set('wrap_up', ['on_call']).catch(() => undefined);
    stopWrapUp();
    wrapUp.current = setTimeout(() => {
      wrapUp.current = null;
      void me.set('available', ['wrap_up']).catch(() => undefined);
    }, WRAP_UP_SECONDS * 1000);
  };

  useLiveEvent((e: LiveEvent) => {
    // The operator's own calls drive "on a call" and "wrap-up" (telephony's call events reach operators' rooms).
    const c = (e.data as { call?: CallView } | null)?.call;
    if (c && user && (c.claimedBy === user.id || c.requestedBy === user.id)) {
      if (c.endedAt) startWrapUp();
      else if (c.answeredAt) {
        stopWrapUp();
        void me.set('on_call').catch(() => undefined);
      }
    }
  });

  const callDone = () => setCall(null);

  const answer = (a: KnowledgeArticleView) =>
    form.current?.closeOnCall({
      reason: 'answered_from_knowledge_base',
      note: t('console.kbNote', { title: a.title }),
      articleId: a.id,
      articleTitle: a.title,
    });

  const historyCount = history?.tickets.length ?? 0;
  const hasHistoryQuery = usablePhone(draft.contactPhone) !== null || draft.address.trim().length >= 4;
  const shift = live.tickets;

  return (
    <AppShell>
      {emergency && (
        // 003 第五条(三): across the whole screen, impossible to miss — this line cannot replace 110/119/120.
        <Alert
          type="error"
          showIcon
          banner
          className="emergency-banner"
          data-testid="emergency-banner"
          title={
            <span>
              <strong className="emergency-title">{t('console.emergencyTitle', { number: emergency.number })}</strong>
              <span className="emergency-body">{t('console.emergencyBody', { number: emergency.number, phrase: emergency.phrase })}</span>
            </span>
          }
          action={
            <Button danger type="primary" onClick={() => form.current?.closeAsEmergency()}>
              {t('console.emergencyClose')}
            </Button>
          }
        />
      )}
      <div className="console-grid">
        <IntakeForm ref={form} units={units} call={call} onCallDone={callDone} onDraft={setDraft} onEmergency={setEmergency} />
        {panels && (
          <Panel className="context-card">
            <PanelTabs<'history' | 'knowledge'>
              active={tab}
              onChange={setTab}
              tabs={[
                {
                  key: 'history',
                  label: (
                    <span data-testid="tab-history">
                      {t('console.historyTab')}{' '}
                      <Badge count={historyCount} size="small" color={historyCount ? '#f97316' : '#9ca3af'} showZero={hasHistoryQuery} />
                    </span>
                  ),
                  panel: (
                    <CallerHistoryPanel
                      history={history}
                      hasQuery={hasHistoryQuery}
                      matter={{ description: draft.description, categoryCode: draft.categoryCode ?? null }}
                    />
                  ),
                },
                {
                  key: 'knowledge',
                  label: <span data-testid="tab-knowledge">{t('console.kbTab')}</span>,
                  panel: <KnowledgePanel ref={kb} description={draft.description} categoryCode={draft.categoryCode} onAnswer={answer} />,
                },
              ]}
            />
          </Panel>
        )}
        {panels && (
          <div className="operator-side">
            {user?.roles.includes('operator') && <PresenceControl me={me} />}
            <IncomingCalls onTake={take} linked={call} />
            <Panel title={`${t('console.myShift')} · ${shift.length}`} className="shift-card">
              <ShiftTable tickets={shift} fresh={live.fresh} onOpen={(x) => window.open(`/tickets/${x.id}`, '_blank', 'noopener')} />
            </Panel>
          </div>
        )}
      </div>
    </AppShell>
  );
}
