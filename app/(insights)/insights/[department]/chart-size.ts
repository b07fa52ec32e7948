/** A bar chart's height: the same for the chart and for the box that holds its place while it loads. */
export function countBarsHeight(options: { rows: number; stacked?: boolean; horizontal?: boolean; height?: number }): number {
  return options.height ?? (options.horizontal ? Math.max(160, options.rows * (options.stacked ? 28 : 40) + 60) : 260);
}

export const percentLinesHeight = 260;
