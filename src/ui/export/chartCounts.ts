/**
 * "n = …" for a plot whose view does not say it, from the counts the charts carry on their data-*
 * attributes: points and series of a line chart or scatter, rows and columns of a heat map, the
 * side of a correlation matrix; a grid of small multiples counts its panels.
 */
export interface ChartCounts {
  points?: number;
  series?: number;
  rows?: number;
  columns?: number;
  /** Side of a square matrix. */
  size?: number;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function oneChart(c: ChartCounts): string | null {
  if (c.rows !== undefined && c.columns !== undefined)
    return `n = ${plural(c.rows, 'row')} × ${plural(c.columns, 'column')}`;
  if (c.size !== undefined) return `n = ${c.size} × ${c.size} matrix`;
  if (c.points !== undefined && c.series !== undefined && c.series > 1)
    return `n = ${plural(c.points, 'point')} in ${c.series} series`;
  if (c.points !== undefined) return `n = ${plural(c.points, 'point')}`;
  if (c.series !== undefined) return `n = ${c.series} series`;
  return null;
}

export function countText(charts: readonly ChartCounts[]): string | null {
  if (charts.length === 0) return null;
  if (charts.length === 1) return oneChart(charts[0]!);
  const points = charts.reduce((sum, c) => sum + (c.points ?? 0), 0);
  return `n = ${charts.length} panels${points > 0 ? `, ${plural(points, 'point')} in all` : ''}`;
}
