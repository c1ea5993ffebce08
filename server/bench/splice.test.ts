import { describe, expect, it } from 'vitest';
import { spliceSection } from './splice';

const DOC = `# Performance

## Summary

| what | figure |
| --- | --- |
| ticket creation | 62/s |

## Ticket creation

text

## How to run

commands
`;

describe('spliceSection', () => {
  it('inserts a new section before "How to run" and its rows at the end of the summary', () => {
    const out = spliceSection(DOC, 'open311', '<!-- bench:open311 -->\n## Open311\n\nfirst\n<!-- /bench:open311 -->\n', [['open311 row', 'p50 1 ms']]);
    expect(out).toBe(`# Performance

## Summary

| what | figure |
| --- | --- |
| ticket creation | 62/s |
| open311 row | p50 1 ms |

## Ticket creation

text

<!-- bench:open311 -->
## Open311

first
<!-- /bench:open311 -->

## How to run

commands
`);
  });

  it('replaces its own section and rows on the next run, and nothing else', () => {
    const once = spliceSection(DOC, 'open311', '<!-- bench:open311 -->\nfirst\n<!-- /bench:open311 -->\n', [['open311 row', 'p50 1 ms']]);
    const twice = spliceSection(once, 'open311', '<!-- bench:open311 -->\nsecond\n<!-- /bench:open311 -->\n', [['open311 row', 'p50 2 ms']]);
    expect(twice).toBe(once.replace('first', 'second').replace('p50 1 ms', 'p50 2 ms'));
  });
});
