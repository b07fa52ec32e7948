/**
 * What a person can choose about: each kind of notification, in the app and by email. A kind of
 * notification written to the database (Notification.kind) maps to one preference kind.
 */
export const preferenceKinds = ["new_request", "assignment", "reply", "status", "mention", "sla", "rating", "pulse", "knowledge"] as const;
export type PreferenceKind = (typeof preferenceKinds)[number];

export const notificationKinds = {
  new_request: "new_request",
  assigned: "assignment",
  reply: "reply",
  internal_note: "reply",
  status_changed: "status",
  mention: "mention",
  sla_warning: "sla",
  sla_breached: "sla",
  rating_request: "rating",
  pulse_survey: "pulse",
  /** A problem was fixed: the linked request is resolved (or back with its agent), with the fix. */
  problem_resolved: "status",
  known_issue_ended: "knowledge",
  article_flagged: "knowledge",
  /** A publisher sent one's article version back with a reason instead of publishing it. */
  article_returned: "knowledge",
  /** A consented complaint to follow up (its department's head and delegate). */
  complaint: "assignment",
  /** What was done about one's complaint. */
  complaint_outcome: "status",
  /** A webhook one owns (a department's, for its heads, or one's own) was disabled after repeated failures. */
  webhook_disabled: "status",
  /** A request waits for one's approval (lib/approvals), with a signed link to decide it. */
  approval_request: "assignment",
  /** An approval step nears or passed its service level: its approvers, and the approving side's head when overdue. */
  approval_reminder: "sla",
  /** What the approvers decided, to the requester (and the department once it may start). */
  approval_outcome: "status",
  /** An automation rule of the department asks this person to look at a request (lib/automation). */
  automation: "assignment",
} as const satisfies Record<string, PreferenceKind>;
export type NotificationKind = keyof typeof notificationKinds;

export type Channels = { inApp: boolean; email: boolean };

/**
 * Without a choice of their own, people hear about everything in the app and by email, except that
 * a new request to their team is not emailed: in a busy department that would be most of the mail.
 */
export const preferenceDefaults: Record<PreferenceKind, Channels> = {
  new_request: { inApp: true, email: false },
  assignment: { inApp: true, email: true },
  reply: { inApp: true, email: true },
  status: { inApp: true, email: true },
  mention: { inApp: true, email: true },
  sla: { inApp: true, email: true },
  /** The survey link must reach the requester outside the app too: that is where most ratings come from. */
  rating: { inApp: true, email: true },
  pulse: { inApp: true, email: true },
  knowledge: { inApp: true, email: true },
};

export const preferenceLabels: Record<PreferenceKind, { label: string; hint: string }> = {
  new_request: { label: "New request to my team", hint: "Someone files a request to your team, or to your department when it has no team." },
  assignment: { label: "Assigned to me", hint: "Someone else assigns a request to you." },
  reply: { label: "Replies", hint: "A reply on a request you filed or follow; for assignees, the requester's replies and colleagues' internal notes." },
  status: { label: "Status changes", hint: "A request you filed or follow changes status." },
  mention: { label: "Mentions", hint: "Someone @mentions you in a reply or an internal note you may see." },
  sla: { label: "Service-level warnings", hint: "A request you work or lead nears or breaches its target." },
  rating: { label: "Rating requests", hint: "A request you filed was resolved: rate the service from 1 to 5." },
  pulse: { label: "Pulse surveys", hint: "A periodic survey asks how well the departments your team used served it." },
  knowledge: { label: "Knowledge and known issues", hint: "A known issue you follow is fixed, or an article you own is flagged as out of date." },
};
