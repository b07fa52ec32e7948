import type { WebhookEventName } from "@/lib/validation/webhooks";

/** The body of a JSON webhook: what the reader may know of one event, fixed at fan-out. */
export type WebhookPayload = {
  /** Stable per event: `event:<id>` or `rating:<id>`; a receiver that sees it twice has seen a retry. */
  id: string;
  event: WebhookEventName;
  occurredAt: string;
  actor: { name: string } | null;
  request: {
    reference: string;
    title: string;
    status: string;
    priority: string;
    department: { key: string; name: string };
    requester: { name: string };
    assignee: { name: string } | null;
    url: string;
  };
  /** The change, as the request's timeline records it (request.changed and request.resolved). */
  change?: { type: string; from: unknown; to: unknown };
  comment?: { id: string; visibility: "PUBLIC" | "INTERNAL"; body: string; author: { name: string } | null };
  /** Only ever delivered to the rater's own webhook. */
  rating?: { score: number; comment: string | null };
};

const verbs: Record<WebhookEventName, string> = {
  "request.filed": "filed",
  "request.changed": "changed",
  "request.commented": "got a reply",
  "request.resolved": "was resolved",
  "request.rated": "was rated",
};

/** One line of text for a chat channel, e.g. "FAC-1042 Broken chair was resolved by Ann". */
export function summaryOf(payload: WebhookPayload): string {
  const { request } = payload;
  const verb = payload.event === "request.commented" && payload.comment?.visibility === "INTERNAL" ? "got an internal note" : verbs[payload.event];
  const by = payload.actor ? ` by ${payload.actor.name}` : "";
  const change = payload.change?.type === "status_changed" && payload.event === "request.changed" ? `: status ${statusOf(payload.change.to)}` : "";
  return `${request.reference} ${request.title} ${verb}${by}${change}`;
}

const statusOf = (to: unknown) => String((to as { status?: unknown } | null)?.status ?? "").toLowerCase().replace(/_/g, " ");

/** Slack mrkdwn: &, < and > are escaped; they would start links and mentions. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function details(payload: WebhookPayload): string[] {
  const lines = [`${payload.request.department.name} · ${statusOf(payload.request)} · ${payload.request.priority.toLowerCase()}`];
  if (payload.comment) lines.push(payload.comment.body.length > 500 ? `${payload.comment.body.slice(0, 500)}…` : payload.comment.body);
  if (payload.rating) lines.push(`Score ${payload.rating.score} of 5${payload.rating.comment ? `: ${payload.rating.comment}` : ""}`);
  return lines;
}

/**
 * The body sent for a webhook's format: the payload itself (JSON), or a message for a Slack
 * incoming webhook (`text` plus blocks) or a Microsoft Teams incoming webhook / Workflows trigger
 * (an Adaptive Card in a message). Chat formats carry the same facts, nothing more.
 */
export function formatBody(format: "JSON" | "SLACK" | "TEAMS", payload: WebhookPayload): unknown {
  if (format === "JSON") return payload;
  const summary = summaryOf(payload);
  if (format === "SLACK") {
    const text = `<${payload.request.url}|${slackEscape(payload.request.reference)}> ${slackEscape(summary.slice(payload.request.reference.length + 1))}`;
    return {
      text: slackEscape(summary),
      blocks: [
        { type: "section", text: { type: "mrkdwn", text } },
        { type: "context", elements: details(payload).map((line) => ({ type: "mrkdwn", text: slackEscape(line) })) },
      ],
    };
  }
  return {
    type: "message",
    summary,
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: summary, weight: "Bolder", wrap: true },
            ...details(payload).map((line) => ({ type: "TextBlock", text: line, wrap: true, isSubtle: true })),
          ],
          actions: [{ type: "Action.OpenUrl", title: `Open ${payload.request.reference}`, url: payload.request.url }],
        },
      },
    ],
  };
}
