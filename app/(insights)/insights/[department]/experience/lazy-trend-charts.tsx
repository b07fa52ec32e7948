"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type * as Charts from "./trend-charts";
import { trendChartHeight } from "./trend-size";

// As the dashboard's charts (../lazy-charts.tsx): the charting library loads when a chart is drawn,
// not with the page; the box keeps the chart's height meanwhile and the table has every value.
const Lines = dynamic(() => import("./trend-charts").then((m) => m.TrendLines), { ssr: false });

export function TrendLines(props: ComponentProps<typeof Charts.TrendLines>) {
  return (
    <div style={{ minHeight: trendChartHeight }}>
      <Lines {...props} />
    </div>
  );
}
