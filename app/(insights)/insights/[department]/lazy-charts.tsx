"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type * as Charts from "./dashboard-charts";
import { countBarsHeight, percentLinesHeight } from "./chart-size";

// The charting library is loaded when a chart is drawn, after the page is interactive, not with the
// page: every figure is in the table under each chart, so nothing waits for it. The box keeps the
// chart's height meanwhile, so nothing moves when it arrives.
const Lines = dynamic(() => import("./dashboard-charts").then((m) => m.PercentLines), { ssr: false });
const Bars = dynamic(() => import("./dashboard-charts").then((m) => m.CountBars), { ssr: false });

export function PercentLines(props: ComponentProps<typeof Charts.PercentLines>) {
  return (
    <div style={{ minHeight: percentLinesHeight }}>
      <Lines {...props} />
    </div>
  );
}

export function CountBars(props: ComponentProps<typeof Charts.CountBars>) {
  return (
    <div style={{ minHeight: countBarsHeight({ ...props, rows: props.rows.length }) }}>
      <Bars {...props} />
    </div>
  );
}
