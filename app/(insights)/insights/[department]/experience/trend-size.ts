/** A trend chart's height: the same for the chart and for the box that holds its place while it loads. */
export const trendChartHeight = 260;
