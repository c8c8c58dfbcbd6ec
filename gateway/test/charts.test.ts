// The dashboard's SVG charts: slices and bars in proportion to the figures, labels escaped, and
// the cases a dashboard meets (an empty plan, an operator whose figures are missing).
import { describe, expect, it } from 'vitest';
import { AXES, barChart, donutChart, escapeXml, formatEuros } from '../src/pages/dashboard/charts.js';

/** Attribute values of every element with `class="<cls>"` in an SVG string. */
function attributes(svg: string, cls: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`class="${cls}"[^>]*?${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

describe('donut chart', () => {
  const slices = AXES.map((a, i) => ({ label: a.label, value: [14, 9, 6, 10][i]!, color: a.color }));

  it('draws one slice per non-empty axis with its share written on it, and a legend with the counts', () => {
    const svg = donutChart(slices, { title: 'Fiches actions par axe' });
    expect(attributes(svg, 'slice', 'data-value')).toEqual(['14', '9', '6', '10']);
    for (const share of ['36\u00a0%', '23\u00a0%', '15\u00a0%', '26\u00a0%']) expect(svg).toContain(share);
    expect(svg).toContain('Transition écologique (10)');
    expect(svg).toContain('aria-label="Fiches actions par axe"');
  });

  it('closes the ring: the slices end where the first one started', () => {
    const svg = donutChart(slices, { title: 't', size: 200 });
    const paths = [...svg.matchAll(/ d="M ([\d.]+) ([\d.]+) A/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(paths[0]).toEqual([100, 8]);
    const last = [...svg.matchAll(/A \S+ \S+ 0 \d 1 ([\d.]+) ([\d.]+) L/g)].at(-1);
    expect([Number(last?.[1]), Number(last?.[2])]).toEqual([100, 8]);
  });

  it('skips empty axes in the ring but keeps them in the legend, and says when there is nothing', () => {
    const svg = donutChart(
      [
        { label: 'A', value: 3, color: '#000' },
        { label: 'B', value: 0, color: '#111' },
      ],
      { title: 't' },
    );
    expect(attributes(svg, 'slice', 'data-label')).toEqual(['A']);
    expect(svg).toContain('B (0)');
    expect(donutChart([{ label: 'A', value: 0, color: '#000' }], { title: 't' })).toContain('Aucune donnée');
  });
});

describe('bar chart', () => {
  it('scales bars to the largest total and stacks the segments', () => {
    const svg = barChart(
      [
        {
          label: 'Big',
          segments: [
            { label: 'x', value: 30, color: '#000' },
            { label: 'y', value: 10, color: '#111' },
          ],
        },
        { label: 'Small', segments: [{ label: 'x', value: 10, color: '#000' }] },
      ],
      { title: 't', width: 720 },
    );
    const widths = attributes(svg, 'segment', 'width').map(Number);
    expect(widths).toEqual([300, 100, 100]);
    expect(attributes(svg, 'bar', 'data-total')).toEqual(['40', '10']);
  });

  it('writes a note instead of a bar when an operator’s figures are missing', () => {
    const svg = barChart([{ label: 'Bpifrance', segments: [], unavailable: 'indisponible' }], { title: 't' });
    expect(svg).toContain('class="bar unavailable"');
    expect(svg).toContain('indisponible');
    expect(attributes(svg, 'segment', 'width')).toEqual([]);
  });

  it('escapes labels so data can never inject markup', () => {
    const svg = barChart(
      [{ label: '<script>alert(1)</script>', segments: [{ label: 'a&b', value: 1, color: '#000' }] }],
      { title: '"t"' },
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a&amp;b');
    expect(escapeXml(`'"`)).toBe('&#39;&quot;');
  });
});

describe('euro amounts', () => {
  it('are written short, the French way', () => {
    expect(formatEuros(45_409_147.62)).toBe('45,4\u00a0M€');
    expect(formatEuros(12_000)).toBe('12\u00a0k€');
    expect(formatEuros(6_748)).toBe('6\u202f748\u00a0€');
    expect(formatEuros(0)).toBe('0\u00a0€');
  });
});
