import { describe, expect, it } from 'vitest';
import { rowAfterKey, rowWindow } from './row-window.ts';

const base = { rowCount: 1000, scrollTopPx: 0, viewportHeightPx: 600, rowHeightPx: 60, overscan: 5, maxRows: 100 };

describe('rowWindow', () => {
  it.each([
    { name: 'top of the list', input: base, start: 0, end: 15 },
    { name: 'scrolled to row 100', input: { ...base, scrollTopPx: 6000 }, start: 95, end: 115 },
    { name: 'bottom of the list', input: { ...base, scrollTopPx: 59_400 }, start: 985, end: 1000 },
    { name: 'scrolled past the end (rubber band)', input: { ...base, scrollTopPx: 99_999 }, start: 994, end: 1000 },
    { name: 'negative scroll (rubber band)', input: { ...base, scrollTopPx: -50 }, start: 0, end: 15 },
    { name: 'fewer rows than fit', input: { ...base, rowCount: 3 }, start: 0, end: 3 },
    { name: 'empty', input: { ...base, rowCount: 0 }, start: 0, end: 0 },
    { name: 'focus below keeps its row', input: { ...base, focusedIndex: 50 }, start: 0, end: 56 },
    { name: 'focus left far behind is let go', input: { ...base, focusedIndex: 500 }, start: 0, end: 15 },
    { name: 'focus above keeps its row', input: { ...base, scrollTopPx: 6000, focusedIndex: 40 }, start: 35, end: 115 },
    { name: 'focus out of range is ignored', input: { ...base, focusedIndex: 5000 }, start: 0, end: 15 },
  ])('$name', ({ input, start, end }) => {
    const window = rowWindow(input);
    expect([window.start, window.end]).toEqual([start, end]);
    // the spacers and the rendered rows add up to the whole list's estimated height
    expect(window.topSpacerPx + window.bottomSpacerPx + (window.end - window.start) * input.rowHeightPx).toBe(
      input.rowCount * input.rowHeightPx,
    );
  });
});

describe('rowAfterKey', () => {
  it.each([
    { key: 'ArrowDown', from: 3, to: 4 },
    { key: 'ArrowDown', from: 999, to: 999 },
    { key: 'ArrowUp', from: 0, to: 0 },
    { key: 'ArrowUp', from: 3, to: 2 },
    { key: 'PageDown', from: 3, to: 13 },
    { key: 'PageDown', from: 995, to: 999 },
    { key: 'PageUp', from: 5, to: 0 },
    { key: 'Home', from: 500, to: 0 },
    { key: 'End', from: 5, to: 999 },
    { key: 'Enter', from: 5, to: undefined },
  ])('$key from $from → $to', ({ key, from, to }) => {
    expect(rowAfterKey(key, from, 1000, 10)).toBe(to);
  });
});
