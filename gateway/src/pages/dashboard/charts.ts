// The dashboard's charts as SVG text, drawn from plain figures with no library: a donut of the
// action sheets by axis (the programme's "Typologie des fiches actions") and stacked bars of the
// amounts each operator committed, by axis. Pure functions: the browser inserts their output and
// the tests read it.

/** One slice of a donut. */
export interface Slice {
  label: string;
  value: number;
  color: string;
}

/** One bar: its label, its stacked segments, and a note when the figures are missing. */
export interface Bar {
  label: string;
  segments: Slice[];
  /** Shown after the bar (e.g. "13 financings"). */
  caption?: string;
  /** Shown instead of the bar when the operator's figures could not be read. */
  unavailable?: string;
}

/** Phase-2 axes in the programme's order, with their French names and chart colours. */
export const AXES: { axis: string; label: string; color: string }[] = [
  { axis: 'COMPETENCES', label: 'Compétences', color: '#2f6fb0' },
  { axis: 'FONCIER', label: 'Foncier', color: '#e0a030' },
  { axis: 'INNOVATION', label: 'Innovation', color: '#8a4fb5' },
  { axis: 'TRANSITION_ECOLOGIQUE', label: 'Transition écologique', color: '#3a9a5b' },
];

/** Escapes text for SVG and HTML. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Euros the French way, short: `45,4 M€`, `6 748 k€`, `950 €`. */
export function formatEuros(amount: number): string {
  const group = (n: number) =>
    Math.round(n)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  if (Math.abs(amount) >= 1_000_000) return `${(amount / 1_000_000).toFixed(1).replace('.', ',')}\u00a0M€`;
  if (Math.abs(amount) >= 10_000) return `${group(amount / 1_000)}\u00a0k€`;
  return `${group(amount)}\u00a0€`;
}

/** A donut with each slice's share written on it and a legend; an empty one says so. */
export function donutChart(slices: Slice[], options: { title: string; size?: number }): string {
  const size = options.size ?? 220;
  const legendWidth = 200;
  const r = size / 2 - 8;
  const inner = r * 0.55;
  const cx = size / 2;
  const cy = size / 2;
  const total = slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  const parts: string[] = [];
  if (total === 0) {
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#e5e7eb"/><text x="${cx}" y="${cy + 4}" text-anchor="middle" font-size="13">Aucune donnée</text>`,
    );
  } else {
    let angle = -Math.PI / 2;
    for (const slice of slices) {
      if (slice.value <= 0) continue;
      const sweep = (slice.value / total) * Math.PI * 2;
      const share = Math.round((slice.value / total) * 100);
      parts.push(
        `<path class="slice" data-label="${escapeXml(slice.label)}" data-value="${slice.value}" fill="${slice.color}" d="${arcPath(cx, cy, r, inner, angle, sweep)}"><title>${escapeXml(slice.label)} : ${slice.value} (${share} %)</title></path>`,
      );
      const middle = angle + sweep / 2;
      const labelRadius = (r + inner) / 2;
      if (sweep > 0.3) {
        parts.push(
          `<text x="${round(cx + Math.cos(middle) * labelRadius)}" y="${round(cy + Math.sin(middle) * labelRadius + 4)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#fff">${share}\u00a0%</text>`,
        );
      }
      angle += sweep;
    }
  }
  const legend = slices.map(
    (slice, i) =>
      `<g transform="translate(${size + 12},${20 + i * 22})"><rect width="12" height="12" rx="2" fill="${slice.color}"/><text x="18" y="11" font-size="13">${escapeXml(slice.label)} (${slice.value})</text></g>`,
  );
  return svg(size + legendWidth, size, options.title, [...parts, ...legend]);
}

/** Horizontal stacked bars, scaled to the largest total, one row per bar. */
export function barChart(
  bars: Bar[],
  options: { title: string; width?: number; format?: (value: number) => string },
): string {
  const width = options.width ?? 640;
  const format = options.format ?? String;
  const labelWidth = 170;
  const captionWidth = 150;
  const barArea = width - labelWidth - captionWidth;
  const rowHeight = 30;
  const max = Math.max(0, ...bars.map((b) => total(b.segments)));
  const rows = bars.map((bar, i) => {
    const y = 10 + i * rowHeight;
    const label = `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="13">${escapeXml(bar.label)}</text>`;
    if (bar.unavailable) {
      return `<g class="bar unavailable" data-label="${escapeXml(bar.label)}">${label}<text x="${labelWidth}" y="${y + 15}" font-size="12" fill="#b91c1c">${escapeXml(bar.unavailable)}</text></g>`;
    }
    let x = labelWidth;
    const segments = bar.segments.map((segment) => {
      const w = max > 0 ? (Math.max(0, segment.value) / max) * barArea : 0;
      const rect = `<rect class="segment" x="${round(x)}" y="${y}" width="${round(w)}" height="20" fill="${segment.color}"><title>${escapeXml(bar.label)} — ${escapeXml(segment.label)} : ${escapeXml(format(segment.value))}</title></rect>`;
      x += w;
      return rect;
    });
    const caption = `<text x="${round(x + 6)}" y="${y + 15}" font-size="12">${escapeXml(format(total(bar.segments)))}${bar.caption ? ` · ${escapeXml(bar.caption)}` : ''}</text>`;
    return `<g class="bar" data-label="${escapeXml(bar.label)}" data-total="${total(bar.segments)}">${label}${segments.join('')}${caption}</g>`;
  });
  return svg(width, 20 + bars.length * rowHeight, options.title, rows);
}

function svg(width: number, height: number, title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

/** A ring segment from `start` sweeping `sweep` radians; a full ring is drawn as two halves. */
function arcPath(cx: number, cy: number, r: number, inner: number, start: number, sweep: number): string {
  if (sweep >= Math.PI * 2 - 1e-9) {
    return `${arcPath(cx, cy, r, inner, start, Math.PI)} ${arcPath(cx, cy, r, inner, start + Math.PI, Math.PI)}`;
  }
  const end = start + sweep;
  const large = sweep > Math.PI ? 1 : 0;
  const p = (radius: number, a: number) =>
    `${round(cx + Math.cos(a) * radius)} ${round(cy + Math.sin(a) * radius)}`;
  return `M ${p(r, start)} A ${r} ${r} 0 ${large} 1 ${p(r, end)} L ${p(inner, end)} A ${inner} ${inner} 0 ${large} 0 ${p(inner, start)} Z`;
}

function total(segments: Slice[]): number {
  return segments.reduce((sum, s) => sum + Math.max(0, s.value), 0);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
