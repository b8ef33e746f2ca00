import type { AlertPriority } from '@rpm/contracts';
import type uPlot from 'uplot';
import type { ChartAlert, ChartLimit } from '../../patient/chart-limits.ts';

/** how opaque a threshold's shaded band is: the lines and their bands stay readable through it */
const BAND_ALPHA = 0.12;
const LIMIT_LINE_WIDTH_CSS_PX = 1.5;
const LIMIT_DASH_CSS_PX = [6, 4];
/** the y range reaches this fraction of its span beyond the data and limits: a limit line never sits on the edge */
const RANGE_MARGIN = 0.15;
/** an alert marker's half-size */
const MARKER_RADIUS_CSS_PX = 6;
/** an alert without a value is drawn at the top of the plot, this far inside */
const MARKER_TOP_INSET_CSS_PX = 10;
/** dark outline of every marker: yellow and cyan on white need it for 3:1 contrast (WCAG 1.4.11) */
const MARKER_OUTLINE = '#17212b';

/** The queue's IEC 60601-1-8 colours (base.css --color-alarm-*), so a chart says priority as the queue does. */
export type PriorityColours = Readonly<Record<AlertPriority, string>>;

/** The colours in force on the page, read from the custom properties the queue's CSS uses. */
export function pagePriorityColours(root: Element): PriorityColours {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    high: read('--color-alarm-high', '#c62828'),
    medium: read('--color-alarm-medium', '#ffd21f'),
    low: read('--color-alarm-low', '#2cc5dc'),
  };
}

/** '#rrggbb' with an alpha, as canvas wants it */
function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) return hex;
  const [r, g, b] = [match[1], match[2], match[3]].map((h) => parseInt(h ?? '0', 16));
  return `rgba(${String(r)}, ${String(g)}, ${String(b)}, ${String(alpha)})`;
}

/**
 * The marker shape of each priority, so colour is never the only cue (WCAG 1.4.1): high ▲, medium ◆, low ●.
 * The legend (TrendLegend.tsx) draws the same shapes.
 */
export function markerPath(ctx: CanvasRenderingContext2D, priority: AlertPriority, x: number, y: number, r: number): void {
  ctx.beginPath();
  switch (priority) {
    case 'high':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r * 0.8);
      ctx.lineTo(x - r, y + r * 0.8);
      ctx.closePath();
      break;
    case 'medium':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      break;
    case 'low':
      ctx.arc(x, y, r * 0.8, 0, 2 * Math.PI);
      break;
  }
}

/** The y range that shows the data and every limit, with a margin so a band never sits on the plot's edge. */
export function rangeWithLimits(limits: readonly ChartLimit[]): uPlot.Range.Function {
  return (_u, dataMin, dataMax) => {
    const values = limits.map((limit) => limit.value);
    const finite = [dataMin, dataMax, ...values].filter((v) => Number.isFinite(v));
    if (finite.length === 0) return [0, 1];
    const low = Math.min(...finite);
    const high = Math.max(...finite);
    const margin = high === low ? Math.max(1, Math.abs(high) * 0.05) : (high - low) * RANGE_MARGIN;
    return [low - margin, high + margin];
  };
}

/**
 * A uPlot plugin: each limit as a shaded band on the side that raises the alert (behind the lines, drawClear) with a
 * dashed line at the limit, and each alert as a marker at its measurement time and triggering value (over the lines).
 */
export function limitsAndAlertsPlugin(
  limits: readonly ChartLimit[],
  alerts: readonly ChartAlert[],
  colours: PriorityColours,
): uPlot.Plugin {
  return {
    hooks: {
      // the bands go under the grid and the lines; the limit lines go over them (draw), so a grid line cannot hide one
      drawClear: [
        (u) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          for (const limit of limits) {
            const y = u.valToPos(limit.value, 'y', true);
            ctx.fillStyle = withAlpha(colours[limit.priority], BAND_ALPHA);
            if (limit.direction === 'below') ctx.fillRect(left, y, width, top + height - y);
            else ctx.fillRect(left, top, width, y - top);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const { ctx } = u;
          const { left, top, width } = u.bbox;
          const px = devicePixelRatio;
          ctx.save();
          ctx.lineWidth = LIMIT_LINE_WIDTH_CSS_PX * px;
          ctx.setLineDash(LIMIT_DASH_CSS_PX.map((d) => d * px));
          for (const limit of limits) {
            const y = u.valToPos(limit.value, 'y', true);
            // yellow and cyan lines vanish on white: the band carries their colour, the line is dark
            ctx.strokeStyle = limit.priority === 'high' ? colours.high : MARKER_OUTLINE;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
          }
          ctx.setLineDash([]);
          ctx.lineWidth = 1.5 * px;
          ctx.strokeStyle = MARKER_OUTLINE;
          for (const alert of alerts) {
            const x = u.valToPos(alert.atSec, 'x', true);
            const y = alert.value === null ? top + MARKER_TOP_INSET_CSS_PX * px : u.valToPos(alert.value, 'y', true);
            ctx.fillStyle = colours[alert.priority];
            markerPath(ctx, alert.priority, x, y, MARKER_RADIUS_CSS_PX * px);
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
