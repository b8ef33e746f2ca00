/**
 * Which rows of a long list to put in the DOM: the ones inside the scroll viewport plus `overscan` either side, and
 * always the row that has keyboard focus (removing a focused element would drop focus to <body>). The rows above and
 * below are stood in for by two spacers whose heights keep the scrollbar true to the whole list.
 */
export interface RowWindowInput {
  readonly rowCount: number;
  /** the viewport's scrollTop measured from the first row (the header excluded), px */
  readonly scrollTopPx: number;
  readonly viewportHeightPx: number;
  /** the average height of the rows measured so far, px */
  readonly rowHeightPx: number;
  /** rows rendered beyond each edge of the viewport */
  readonly overscan: number;
  /** the row holding keyboard focus, if any */
  readonly focusedIndex?: number | undefined;
  /**
   * the most rows the window may grow to to keep the focused row: beyond it (focus left far behind by the mouse
   * wheel) the focused row is let go rather than rendering hundreds of rows between it and the viewport
   */
  readonly maxRows: number;
}

export interface RowWindow {
  /** first rendered row (inclusive) */
  readonly start: number;
  /** last rendered row (exclusive) */
  readonly end: number;
  readonly topSpacerPx: number;
  readonly bottomSpacerPx: number;
}

export function rowWindow(input: RowWindowInput): RowWindow {
  const { rowCount, scrollTopPx, viewportHeightPx, rowHeightPx, overscan, focusedIndex, maxRows } = input;
  if (rowCount <= 0) return { start: 0, end: 0, topSpacerPx: 0, bottomSpacerPx: 0 };
  const height = Math.max(1, rowHeightPx);
  const firstVisible = Math.floor(Math.max(0, scrollTopPx) / height);
  const lastVisible = Math.ceil((Math.max(0, scrollTopPx) + Math.max(0, viewportHeightPx)) / height);
  let start = Math.max(0, Math.min(rowCount - 1, firstVisible) - overscan);
  let end = Math.min(rowCount, lastVisible + overscan);
  if (focusedIndex !== undefined && focusedIndex >= 0 && focusedIndex < rowCount) {
    // Keep the focused row and its neighbours: Tab and Shift+Tab then always find the next row in the DOM.
    const withFocusStart = Math.min(start, Math.max(0, focusedIndex - overscan));
    const withFocusEnd = Math.max(end, Math.min(rowCount, focusedIndex + overscan + 1));
    if (withFocusEnd - withFocusStart <= maxRows) {
      start = withFocusStart;
      end = withFocusEnd;
    }
  }
  return { start, end, topSpacerPx: start * height, bottomSpacerPx: (rowCount - end) * height };
}

/** The row a navigation key moves focus to from `index`, or undefined for a key that does not move it. */
export function rowAfterKey(key: string, index: number, rowCount: number, pageRows: number): number | undefined {
  const last = rowCount - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + Math.max(1, pageRows));
    case 'PageUp':
      return Math.max(0, index - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
