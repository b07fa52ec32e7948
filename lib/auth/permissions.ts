/**
 * The one permission table: which role may do what. Department-bound roles (agent, head) apply
 * only to requests and settings of their own department; "requester" is the person who filed the
 * request in question, "watcher" a follower of it. The `request.*` rules are read through the
 * request policy (lib/requests/request-policy.ts), which turns them into record scopes, SQL and
 * the `can.*` flags of a person on a request; other use cases call `can` directly.
 */
export type Actor = {
  id: string;
  email: string;
  name: string;
  departmentId: string;
  /** Departments whose queue this person works (heads are agents of their department too). */
  agentOf: string[];
  headOf: string[];
  hr: boolean;
  admin: boolean;
};

/** approver: a person asked to decide a request's current approval step (lib/approvals), while it waits on them. */
export type RoleName = "employee" | "requester" | "watcher" | "approver" | "agent" | "head" | "hr" | "admin";

export const permissionTable = {
  "catalog.browse": ["employee"],
  "request.file": ["employee"],
  /** See a request, its public replies and files. Internal notes: `request.viewInternal`. */
  "request.view": ["requester", "watcher", "approver", "agent", "head"],
  /** Approve or reject the current approval step (lib/approvals/decide-approval.ts): its approvers only. */
  "request.approve": ["approver"],
  "request.reply": ["requester", "watcher", "agent", "head"],
  "request.reopen": ["requester"],
  "request.cancel": ["requester"],
  /** Rate a resolution: the requester alone (use cases pass `isRequester`), never a watcher or staff. */
  "request.rate": ["requester"],
  "request.watchers.add": ["requester", "watcher", "agent", "head"],
  /** Removing someone else; anyone may stop following a request themself. */
  "request.watchers.remove": ["requester", "agent", "head"],
  "request.viewInternal": ["agent", "head"],
  "request.note": ["agent", "head"],
  "request.triage": ["agent", "head"], // status, priority, assignment
  /** Hand a request to another department, merge a duplicate into another request, link related requests. */
  "request.transfer": ["agent", "head"],
  "request.merge": ["agent", "head"],
  "request.link": ["agent", "head"],
  "queue.view": ["agent", "head"],
  "department.configure": ["head", "admin"],
  "org.manage": ["admin"],
  "audit.view": ["admin"],
  /** The email outbox: delivery states, errors and retries. */
  "email.deliveries": ["admin"],
  "insights.department": ["head"],
  /**
   * Follow up the department's consented complaints, seeing who made them: its head, and one person
   * the head delegates to (lib/complaints/complaint-access.ts adds the delegate). Never HR.
   */
  "complaints.handle": ["head"],
  /** Raise a complaint about an open request ("this is not OK"): its requester only. */
  "request.complain": ["requester"],
  "insights.organisation": ["hr", "admin"],
  /** Run pulse surveys and read their results: HR and admins for any department, a head for their own. */
  "pulse.manage": ["head", "hr", "admin"],
  /** The anonymity thresholds of satisfaction figures and comment themes (raised freely, never below 3). */
  "anonymity.configure": ["hr", "admin"],
  /**
   * Knowledge (lib/knowledge/article-policy.ts reads these): agents write drafts and every edit of
   * their department's articles; heads publish (so do the department's named editors, a grant
   * stored per department); the article figures are the head's.
   */
  "knowledge.write": ["agent", "head"],
  "knowledge.publish": ["head"],
  "knowledge.editors": ["head", "admin"],
  "knowledge.insights": ["head"],
  /** Known issues of the department: announce and end them. */
  "knowledge.announce": ["agent", "head"],
  /** Link a request of the department to a problem, resolve a problem with its linked requests (lib/problems). */
  "problem.manage": ["agent", "head"],
  "problem.insights": ["head"],
  /** One's own personal API tokens; a token can do no more than its person. */
  "api.tokens.manage": ["employee"],
  /** One's own preferences (time zone); nobody sets another person's. */
  "account.preferences": ["employee"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Action = keyof typeof permissionTable;

export type PermissionContext = { departmentId?: string; isRequester?: boolean; isWatcher?: boolean; isApprover?: boolean };

/** The roles an actor holds in a context: a department (providing side) and/or a request they file or watch. */
export function rolesOf(actor: Actor, context: PermissionContext = {}): Set<RoleName> {
  const roles = new Set<RoleName>(["employee"]);
  if (context.isRequester) roles.add("requester");
  if (context.isWatcher) roles.add("watcher");
  // A requester never approves their own request, whatever a step names.
  if (context.isApprover && !context.isRequester) roles.add("approver");
  if (context.departmentId) {
    if (actor.agentOf.includes(context.departmentId)) roles.add("agent");
    if (actor.headOf.includes(context.departmentId)) roles.add("head");
  }
  if (actor.hr) roles.add("hr");
  if (actor.admin) roles.add("admin");
  return roles;
}

export function can(actor: Actor, action: Action, context: PermissionContext = {}): boolean {
  const held = rolesOf(actor, context);
  return (permissionTable[action] as readonly RoleName[]).some((r) => held.has(r));
}
