import { describe, expect, it } from 'vitest';
import { removalsChartPng, removalsChartSvg } from '../../src/reports/chart.ts';

const days = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(Date.UTC(2025, 1, 10 + i)).toISOString().slice(0, 10),
  count: i === 29 ? 17 : i % 7,
}));

describe('removals chart', () => {
  it('draws a bar per day with the day labels, the counts and the total', () => {
    const svg = removalsChartSvg(days);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Listings removed per day, last 30 days');
    expect(svg).toContain(`${days.reduce((n, d) => n + d.count, 0)} in all, 10 Feb – 11 Mar`);
    expect(svg).toContain('>17<');
    expect(svg).toContain('>12 Feb<');
  });

  it('is a PNG of 1800 × 720 pixels, also for a month without removals', () => {
    for (const data of [days, days.map((d) => ({ ...d, count: 0 }))]) {
      const png = removalsChartPng(data);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1800, 720]);
    }
  });
});
