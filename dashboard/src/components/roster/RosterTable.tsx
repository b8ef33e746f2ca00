import type { RosterEntry } from '@rpm/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocale } from '../../i18n/locale-context.ts';
import { rowAfterKey, rowWindow } from '../../roster/row-window.ts';
import { RosterRow } from './RosterRow.tsx';

/** a first guess of a row's height before any is measured (two lines of text and padding at 16 px) */
const ESTIMATED_ROW_PX = 72;
/** rows kept beyond each edge of the viewport: a fast wheel or PageDown lands on rendered rows */
const OVERSCAN_ROWS = 8;
/** keep a focused row scrolled out of view in the DOM only while the window stays this small */
const MAX_ROWS_WITH_FOCUS = 120;
/** the aria-rowindex of the first patient: the header row is 1 */
const FIRST_ROW_INDEX = 2;

export interface RosterTableProps {
  /** sorted and filtered */
  readonly entries: readonly RosterEntry[];
  readonly now: number;
}

/**
 * The roster as a windowed table: only the rows in view (plus overscan) are in the DOM, so 1,000 patients render
 * as fast as 30. Screen readers still hear the whole count (aria-rowcount, aria-rowindex); Tab walks the rows in
 * order, and ↑/↓, Page Up/Down, Home and End move between patients, rendering and scrolling to the one reached.
 */
export function RosterTable({ entries, now }: RosterTableProps) {
  const { t } = useLocale();
  const viewport = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_PX);
  const [focusedIndex, setFocusedIndex] = useState<number>();
  const focusAfterRender = useRef<number | undefined>(undefined);
  const headerHeight = useRef(0);

  const shown = rowWindow({
    rowCount: entries.length,
    scrollTopPx: scrollTop - headerHeight.current,
    viewportHeightPx: viewportHeight,
    rowHeightPx: rowHeight,
    overscan: OVERSCAN_ROWS,
    focusedIndex,
    maxRows: MAX_ROWS_WITH_FOCUS,
  });

  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    let frame = 0;
    const onScroll = (): void => {
      // one state update a frame, however many scroll events arrive
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setScrollTop(element.scrollTop);
      });
    };
    const resize = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    resize.observe(element);
    setViewportHeight(element.clientHeight);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, []);

  // Rows differ in height (names wrap, devices add tags): the spacers use the average of the rows in the DOM.
  useLayoutEffect(() => {
    const rows = body.current?.querySelectorAll<HTMLTableRowElement>('tr[aria-rowindex]');
    headerHeight.current = viewport.current?.querySelector('thead')?.offsetHeight ?? 0;
    if (rows === undefined || rows.length === 0) return;
    let total = 0;
    for (const row of rows) total += row.offsetHeight;
    const average = total / rows.length;
    if (Math.abs(average - rowHeight) > 1) setRowHeight(average);
    const pending = focusAfterRender.current;
    if (pending !== undefined) {
      const link = body.current?.querySelector<HTMLAnchorElement>(`tr[aria-rowindex="${pending + FIRST_ROW_INDEX}"] a`);
      if (link !== null && link !== undefined) {
        focusAfterRender.current = undefined;
        link.focus();
      }
    }
  });

  function indexOf(target: EventTarget | null): number | undefined {
    const row = target instanceof Element ? target.closest('tr[aria-rowindex]') : null;
    const index = Number(row?.getAttribute('aria-rowindex'));
    return Number.isInteger(index) && index >= FIRST_ROW_INDEX ? index - FIRST_ROW_INDEX : undefined;
  }

  function onKeyDown(event: KeyboardEvent): void {
    const from = indexOf(event.target);
    const element = viewport.current;
    if (from === undefined || element === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const pageRows = Math.floor(element.clientHeight / rowHeight) - 1;
    const to = rowAfterKey(event.key, from, entries.length, pageRows);
    if (to === undefined) return;
    event.preventDefault();
    // Bring the target row into view; the render that follows puts it in the DOM, the layout effect focuses it.
    const top = headerHeight.current + to * rowHeight;
    if (top < element.scrollTop + headerHeight.current) element.scrollTop = top - headerHeight.current;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    focusAfterRender.current = to;
    setFocusedIndex(to);
    setScrollTop(element.scrollTop);
  }

  return (
    <div class="table-scroll roster__table" ref={viewport}>
      <table class="table" aria-rowcount={entries.length + 1}>
        <caption class="visually-hidden">{t('roster.caption')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('roster.patient')}</th>
            <th scope="col">{t('roster.openAlerts')}</th>
            <th scope="col" class="table__number">
              NEWS2
            </th>
            <th scope="col">{t('roster.lastReading')}</th>
            <th scope="col">{t('roster.devices')}</th>
          </tr>
        </thead>
        <tbody
          ref={body}
          onKeyDown={onKeyDown}
          onFocusIn={(event) => setFocusedIndex(indexOf(event.target))}
          onFocusOut={(event) => {
            if (!(event.relatedTarget instanceof Node) || body.current?.contains(event.relatedTarget) !== true) setFocusedIndex(undefined);
          }}
        >
          {shown.topSpacerPx > 0 && <Spacer heightPx={shown.topSpacerPx} />}
          {entries.slice(shown.start, shown.end).map((entry, i) => (
            <RosterRow key={entry.id} entry={entry} now={now} rowIndex={shown.start + i + FIRST_ROW_INDEX} />
          ))}
          {shown.bottomSpacerPx > 0 && <Spacer heightPx={shown.bottomSpacerPx} />}
        </tbody>
      </table>
    </div>
  );
}

/** stands in for the rows not rendered, so the scrollbar is true to the whole list; hidden from assistive technology */
function Spacer({ heightPx }: { heightPx: number }) {
  return (
    <tr class="roster__spacer" aria-hidden="true">
      <td colSpan={5} style={{ height: `${heightPx}px` }} />
    </tr>
  );
}
