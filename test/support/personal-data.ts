/**
 * Looks for a citizen's data in what a process wrote (issue 14 item 2: "greps everything the
 * server wrote for the names and numbers it entered: zero hits"). A value counts wherever it
 * shows, in any notation a log could carry it: as typed, percent-encoded (a URL), form-encoded,
 * JSON-escaped (\uXXXX), and a number with or without +86/0086, spaced, dashed or in full-width
 * digits. Masked numbers (139****5678) are not the number.
 */

export interface PersonalValue {
  /** What the value is, for the failure message (never the value itself twice). */
  label: string;
  value: string;
  /** A phone number: matched by its digits in any notation. */
  phone?: boolean;
}

export interface PersonalDataHit {
  label: string;
  /** 1-based line of the output. */
  line: number;
  excerpt: string;
}

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;

/** The same line as a URL, a form, JSON or a terminal might have turned it: every reading of it. */
function readings(line: string): string[] {
  const out = [line];
  const ascii = line.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  out.push(ascii);
  const unescaped = ascii.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  out.push(unescaped);
  for (const base of [unescaped, unescaped.replace(/\+/g, ' ')]) {
    out.push(
      base.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      }),
    );
  }
  return out;
}

/** The national number's digits with anything a person or a format puts between them. */
function phonePattern(value: string): RegExp {
  const digits = value.replace(/\D/g, '').replace(/^(00)?86(?=1\d{10}$)/, '');
  return new RegExp(digits.split('').join('[\\s\\-.()\\u00a0]*'));
}

export function findPersonalData(output: string, values: readonly PersonalValue[]): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  const lines = output.split('\n');
  const patterns = values.map((v) => ({ ...v, re: v.phone ? phonePattern(v.value) : null }));
  lines.forEach((line, i) => {
    if (!line) return;
    const views = readings(line);
    for (const p of patterns) {
      for (const view of views) {
        const at = p.re ? view.search(p.re) : view.indexOf(p.value);
        if (at < 0) continue;
        hits.push({ label: p.label, line: i + 1, excerpt: view.slice(Math.max(0, at - 80), at + 80) });
        break;
      }
    }
  });
  return hits;
}

/** One line per hit, for an assertion message. */
export function describeHits(hits: readonly PersonalDataHit[]): string {
  return hits.map((h) => `line ${h.line} [${h.label}]: …${h.excerpt}…`).join('\n');
}
