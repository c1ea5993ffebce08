/**
 * Free text typed by people: one rule for "is anything written here". zod's trim() leaves
 * zero-width spaces, joiners, bidi marks, soft hyphens and the blank Hangul and Braille fillers,
 * so a description of six U+200B passed a 5-character minimum and showed as an empty row.
 * Lengths and minimums count what a reader sees.
 */
import { z } from 'zod';

/** Characters that show nothing: controls, format characters (Cf), separators (Z), blank fillers. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** How many characters a reader sees (code points, invisible ones left out). */
export function visibleLength(text: string): number {
  return [...text.replace(INVISIBLE, '')].length;
}

const missing = (input: unknown): boolean => input === undefined || input === null;

/** A required text: trimmed, at least `min` visible characters, at most `max` characters; messages name the field. */
export function requiredText(label: string, { min = 1, max = 2000 }: { min?: number; max?: number } = {}) {
  return z
    .string({ error: (i) => (missing(i.input) ? `请填写${label}` : `${label}须为文字`) })
    .trim()
    .min(1, { error: `请填写${label}`, abort: true })
    .max(max, { error: `${label}不能超过${max}个字`, abort: true })
    .refine((s) => visibleLength(s) > 0, { error: `${label}只有空白或不可见字符，请填写内容`, abort: true })
    .refine((s) => visibleLength(s) >= min, { error: `${label}至少${min}个字` });
}

/**
 * A text that may be left out: missing, null, or nothing a reader sees becomes ''; anything
 * written follows the rules of requiredText.
 */
export function optionalText(label: string, limits: { min?: number; max?: number } = {}) {
  const written = requiredText(label, limits);
  return z
    .string({ error: `${label}须为文字` })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || visibleLength(v) === 0) return '';
      const parsed = written.safeParse(v);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    });
}
