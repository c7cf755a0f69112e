import { metadataRecord } from '../document/source-document.js';
import { KIND } from '../kinds/kind.js';
import { readOpenLoops, type LoopDate } from '../loops/open-loops.js';
import { ageInDays } from '../time/clock.js';
import type { Rule } from './rule.js';
import { RULE } from './rule-ids.js';

/**
 * An open loop (an entry of an open-loops file, seed 002's `state/L3/OPEN_LOOPS.md`) whose last date is older
 * than its window: the entry's own `window: N days`, else the file's frontmatter `stale_days`, else the
 * config's `loops.stale_days` (default 14). Seed 002 writes of such an entry, "23+ days stale". The finding
 * stands on the loop's last date; a closed loop, or one without a date, is left alone.
 */
export const loopStale: Rule = {
  id: RULE.LOOP_STALE,
  summary: 'An open loop whose last date is older than its window (loops.stale_days, default 14 days).',
  defaultSeverity: 'warning',
  checkDocument(document, context) {
    if (document.kind !== KIND.OPEN_LOOPS || document.format !== 'markdown') return;
    const own = metadataRecord(document).stale_days;
    const fileWindow = typeof own === 'number' && Number.isInteger(own) && own > 0 ? own : context.config.loopStaleDays;
    for (const loop of readOpenLoops(document.text, document.frontmatter?.bodyOffset ?? 0)) {
      if (loop.closed || loop.dates.length === 0) continue;
      let last: { date: LoopDate; age: number } | undefined;
      for (const date of loop.dates) {
        const age = ageInDays(date.date, context.now);
        // The latest date wins; of equal dates, the last one written.
        if (age !== undefined && (last === undefined || age <= last.age)) last = { date, age };
      }
      const window = loop.windowDays ?? fileWindow;
      if (last === undefined || last.age <= window) continue;
      const name = loop.name === '' ? `on line ${document.lines.place(loop.start).line}` : `\`${loop.name}\``;
      context.report(
        document,
        { start: last.date.start, end: last.date.end },
        `Open loop ${name} was last touched ${last.date.date}, ${last.age} days ago (window ${window} day${window === 1 ? '' : 's'}): close it or record progress with a date.`,
      );
    }
  },
};
