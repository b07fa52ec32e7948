/** The triggers of automation rules and how the form names them: plain values (no zod), so client forms can import them. */
export const eventTriggers = ["request_filed", "status_changed", "requester_replied", "field_matches"] as const;
export const timeTriggers = ["no_activity_hours", "waiting_on_requester", "resolved_for_days"] as const;
export const triggers = [...eventTriggers, ...timeTriggers] as const;
export type Trigger = (typeof triggers)[number];
export type TimeTrigger = (typeof timeTriggers)[number];

export const isTimeTrigger = (trigger: string): trigger is TimeTrigger => (timeTriggers as readonly string[]).includes(trigger);

export const triggerLabel: Record<Trigger, string> = {
  request_filed: "A request is filed",
  status_changed: "The status changes",
  requester_replied: "The requester replies",
  field_matches: "A request is filed, moved here or its priority changes (use the conditions to say which)",
  no_activity_hours: "No activity for N business hours",
  waiting_on_requester: "Waiting on the requester for N business days",
  resolved_for_days: "Resolved for N days without a reopen",
};

/** What the number of a time trigger counts. */
export const triggerUnit: Record<TimeTrigger, string> = {
  no_activity_hours: "business hours",
  waiting_on_requester: "business days",
  resolved_for_days: "days",
};

