/**
 * A small price-history chart in hand-written SVG (a chart library would cost more than the popup's
 * whole bundle for one line): the price over time, the paid price dashed, the protection window shaded.
 */
export interface SparkProps {
  points: { at: number; amount: number }[];
  paid?: number;
  window?: { start: number; end: number };
  label: string;
  width?: number;
  height?: number;
}

export function PriceSpark({ points, paid, window, label, width = 120, height = 32 }: SparkProps) {
  if (points.length < 2 && paid === undefined) return null;
  const ats = points.map((p) => p.at).concat(window ? [window.start, window.end] : []);
  const amounts = points.map((p) => p.amount).concat(paid !== undefined ? [paid] : []);
  const [t0, t1] = [Math.min(...ats), Math.max(...ats)];
  const [a0, a1] = [Math.min(...amounts), Math.max(...amounts)];
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (a: number) => (a1 === a0 ? height / 2 : height - 3 - ((a - a0) / (a1 - a0)) * (height - 6));
  return (
    <svg class="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {window && (
        <rect
          class="spark__window"
          x={x(window.start)}
          y={0}
          width={Math.max(1, x(window.end) - x(window.start))}
          height={height}
        />
      )}
      {paid !== undefined && <line class="spark__paid" x1={0} x2={width} y1={y(paid)} y2={y(paid)} />}
      <polyline
        class="spark__line"
        fill="none"
        points={points.map((p) => `${x(p.at).toFixed(1)},${y(p.amount).toFixed(1)}`).join(' ')}
      />
      {points.length > 0 && (
        <circle
          class="spark__dot"
          cx={x(points[points.length - 1]!.at)}
          cy={y(points[points.length - 1]!.amount)}
          r={2.5}
        />
      )}
    </svg>
  );
}
