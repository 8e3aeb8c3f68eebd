/**
 * The digest's chart: removals per day over the last 30 days, drawn by Apache ECharts (server-side
 * SVG rendering) and turned into a PNG by resvg, so Slack shows it inline.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { DayCount } from '../core/digest.ts';

const WIDTH = 900;
const HEIGHT = 360;
/** The PNG is drawn at twice the layout size, sharp on high-density screens. */
const SCALE = 2;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** "3 Mar" for 2025-03-03: the axis labels. */
function shortDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** The chart as an SVG document (ECharts' own server-side renderer, no DOM). */
export function removalsChartSvg(
  days: readonly DayCount[],
  title = 'Listings removed per day, last 30 days',
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const total = days.reduce((n, d) => n + d.count, 0);
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title: {
        text: title,
        subtext: `${total} in all${days.length ? `, ${shortDay(days[0]?.day ?? '')} – ${shortDay(days.at(-1)?.day ?? '')}` : ''}`,
        left: 16,
        top: 10,
        textStyle: { fontSize: 16, fontWeight: 'bold', color: '#1d1c1d' },
        subtextStyle: { fontSize: 12, color: '#616061' },
      },
      grid: { left: 48, right: 24, top: 72, bottom: 48 },
      xAxis: {
        type: 'category',
        data: days.map((d) => shortDay(d.day)),
        axisLabel: { interval: 'auto', color: '#616061', fontSize: 11 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: '#616061', fontSize: 11 },
        splitLine: { lineStyle: { color: '#e8e8e8' } },
      },
      series: [
        {
          type: 'bar',
          data: days.map((d) => d.count),
          itemStyle: { color: '#2eb67d' },
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'top',
            fontSize: 10,
            color: '#1d1c1d',
            formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''),
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes, ready for Notifier.upload. */
export function removalsChartPng(days: readonly DayCount[]): Buffer {
  const svg = removalsChartSvg(days);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: WIDTH * SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
