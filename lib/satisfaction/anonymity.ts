/**
 * The fewest distinct raters behind any satisfaction figure shown to staff (DESIGN: anonymity).
 * Below it neither the figure nor its counts are shown. A constant for now: issue 5's settings will
 * make it configurable (it may be raised, never lowered below 3).
 */
export const minRatersForAggregate = 5;

/** Whether an aggregate over this many distinct raters may be shown. */
export const canShowAggregate = (distinctRaters: number) => distinctRaters >= minRatersForAggregate;
