import { publicEventTypes, type RequestEvent } from "@/lib/requests/events";
import type { WebhookEventName } from "@/lib/validation/webhooks";

/**
 * The webhook event a request event is delivered as: filed, commented, resolved (a status change
 * to RESOLVED), and changed for every other change of the request. A file added is told with its
 * comment, so it is not an event of its own. "request.rated" comes from ratings, not from here.
 */
export function webhookEventOf(event: RequestEvent): WebhookEventName | null {
  switch (event.type) {
    case "created":
      return "request.filed";
    case "commented":
      return "request.commented";
    case "status_changed":
      return event.to.status === "RESOLVED" ? "request.resolved" : "request.changed";
    case "attachment_added":
      return null;
    default:
      return "request.changed";
  }
}

/** Whether only readers of the request's internal side may be told of this event (the request policy's rule for events and notes). */
export function isInternalEvent(event: RequestEvent): boolean {
  if (event.type === "commented") return event.to.visibility === "INTERNAL";
  return !publicEventTypes.includes(event.type);
}
