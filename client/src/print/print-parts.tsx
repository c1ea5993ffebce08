/** Small pieces of the printed forms: the one-page fit, 是/否 boxes and unit names. */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { fullTime } from '../components/action-forms/time';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';

export const unitName = (units: Unit[], id: number | null | undefined) => (id == null ? '' : (units.find((u) => u.id === id)?.name ?? `#${id}`));

/** ☑是 ☐否 as on the paper form; both empty while not known yet. */
export function Check({ value }: { value: boolean | null }) {
  const { t } = useI18n();
  return (
    <Choices
      options={[
        { label: t('yes'), checked: value === true },
        { label: t('no'), checked: value === false },
      ]}
    />
  );
}

export function Choices({ options }: { options: { label: string; checked: boolean }[] }) {
  return (
    <span className="choices">
      {options.map((o) => (
        <span key={o.label} className={o.checked ? 'choice checked' : 'choice'} data-checked={o.checked}>
          <span className="box">{o.checked ? '☑' : '☐'}</span>
          {o.label}
        </span>
      ))}
    </span>
  );
}

/** A4 (297 mm) less the @page margins (2 × 12 mm), in CSS pixels. */
const PRINTABLE_HEIGHT_PX = ((297 - 24) * 96) / 25.4;
/** Type sizes tried in turn (print.css .fit-0 … .fit-5); 7 pt is the smallest still legible. */
const FIT_LEVELS = 6;

/**
 * One A4 page per form (003 附件2 is one page): long texts step the type down until the sheet
 * fits the printable height, measured in the browser with the fonts it will print with. Texts
 * too long even at the smallest size flow onto a second page rather than being cut.
 */
export function FitToPage({ className, testId, children }: { className: string; testId: string; children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [level, setLevel] = useState(0);
  const [done, setDone] = useState(false);
  const [fontsReady, setFontsReady] = useState(false);
  useLayoutEffect(() => {
    void document.fonts?.ready.then(() => setFontsReady(true));
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !fontsReady) return;
    if (el.getBoundingClientRect().height > PRINTABLE_HEIGHT_PX && level < FIT_LEVELS - 1) setLevel(level + 1);
    else setDone(true);
  }, [level, fontsReady, children]);
  return (
    <section className={`print-sheet ${className} fit-${level}`} data-testid={testId} data-fit={done ? 'done' : 'fitting'} data-fit-level={level}>
      <div ref={ref} className="sheet-content">
        {children}
        <p className="sheet-printed">{t('print.printedAt', { time: fullTime(new Date()) })}</p>
      </div>
    </section>
  );
}
