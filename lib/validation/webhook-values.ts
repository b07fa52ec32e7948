// What a webhook is told about and in which formats, with no zod: client components import these, and the schemas in ./webhooks.ts are built on them.

/**
 * What a webhook is told about (lib/webhooks/event-names.ts maps request events onto these):
 * filed, changed (status, priority, assignee, transfer, ...), commented, resolved, and rated (only
 * ever to the rater's own webhook).
 */
export const webhookEventNames = ["request.filed", "request.changed", "request.commented", "request.resolved", "request.rated"] as const;
export type WebhookEventName = (typeof webhookEventNames)[number];

export const webhookEventLabels: Record<WebhookEventName, string> = {
  "request.filed": "Filed",
  "request.changed": "Changed (status, priority, assignee, transfer)",
  "request.commented": "Replies and notes",
  "request.resolved": "Resolved",
  "request.rated": "Rated (your own ratings only)",
};

export const webhookFormats = ["JSON", "SLACK", "TEAMS"] as const;
