/**
 * A waiting call an operator cannot miss (issue 16 item 4): while calls wait and the operator
 * has none of their own, the tab's title flashes "【来电 N】"; each new waiting call rings a short
 * chime (Web Audio, no file to load; the operator can turn it off, remembered in this browser) and,
 * where the browser allows, raises a desktop notification when the page is not in front. The
 * wallboard never mounts it: it is the operator's card only.
 */
import { useEffect, useRef, useState } from 'react';

const CHIME_KEY = 'hotline.chime';

export function useChimeSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(CHIME_KEY) !== 'off');
  return [
    on,
    (next: boolean) => {
      localStorage.setItem(CHIME_KEY, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

/** Two short tones; silently nothing where audio is not allowed yet (no user gesture so far). */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const tone = (freq: number, start: number) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + 0.35);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.4);
    };
    tone(880, 0);
    tone(660, 0.45);
    setTimeout(() => void ctx.close(), 1200);
  } catch {
    // No audio here: the title and the card still show the call.
  }
}

export function useCallAlert({
  waitingIds,
  busy,
  chimeOn,
  title,
}: {
  waitingIds: number[];
  busy: boolean;
  chimeOn: boolean;
  title: (n: number) => string;
}): void {
  const heard = useRef(new Set<number>());
  const count = waitingIds.length;
  const alerting = count > 0 && !busy;

  // A chime and a notification for each call not heard before.
  const key = waitingIds.join(',');
  useEffect(() => {
    const fresh = waitingIds.filter((id) => !heard.current.has(id));
    for (const id of fresh) heard.current.add(id);
    if (fresh.length === 0 || busy) return;
    if (chimeOn) chime();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      new Notification(title(count), { tag: 'hotline-call' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the waiting calls' ids
  }, [key]);

  // The title flashes while a call waits for this operator.
  useEffect(() => {
    if (!alerting) return;
    const original = document.title;
    let shown = false;
    const flash = () => {
      shown = !shown;
      document.title = shown ? title(count) : original;
    };
    flash();
    const timer = setInterval(flash, 1000);
    return () => {
      clearInterval(timer);
      document.title = original;
    };
  }, [alerting, count, title]);
}
