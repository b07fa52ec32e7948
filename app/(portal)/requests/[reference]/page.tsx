import Link from "@/app/_components/link";
import { notFound, redirect } from "next/navigation";
import { attachmentLimits } from "@/lib/attachments/limits";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assignableAgents, getRequest, type FieldView, type TimelineItem } from "@/lib/requests/get-request";
import { AttachmentList } from "./attachment-list";
import { reopenWindowDays } from "@/lib/requests/request-policy";
import { priorityLabel, statusLabel } from "@/lib/validation/requests";
import { Card, PriorityText, StatusBadge, cx } from "../../../_components/ui";
import { requestClocks } from "@/lib/service-levels/sla-badges";
import { formatBusinessDuration } from "@/lib/experience/working-day";
import { SlaBadgeView } from "../../../_components/sla-badge";
import { CommentBody } from "../../../_components/comment-body";
import { FollowingCard } from "./following";
import { currentReference, requestRelations } from "@/lib/requests/request-relations";
import { transferTargets } from "@/lib/requests/transfer-request";
import { transferOutcome } from "@/lib/requests/transfer-outcome";
import { TransferNotice } from "../../../_components/transfer-notice";
import { requestSegments } from "@/lib/service-levels/sla-badges";
import { LinksCard, MergeForm, TransferForm } from "./relation-forms";
import { AssignByRuleForm, CancelForm, CommentForm, ReopenForm, TagsForm, TriageForm } from "./request-forms";
import { automationLog } from "@/lib/automation/rule-settings";
import { cannedResponsesForRequest } from "@/lib/canned-responses/canned-responses-for-request";
import { ComplaintForm } from "./complaint-form";
import { RatingCard } from "./rating-card";
import { slaExpectation } from "@/lib/sla/expectation";
import { SlaExpectationText } from "../../../_components/sla-expectation";
import { ArticlePicker, DraftArticleForm, ProblemCard } from "./knowledge-forms";
import { formatDueTime, formatTime, formatWhen } from "@/lib/time/format-time";
import { requestApprovals } from "@/lib/approvals/read-approvals";
import { ApprovalCard } from "./approval-card";

export async function generateMetadata({ params }: { params: Promise<{ reference: string }> }) {
  return { title: (await params).reference.toUpperCase() };
}

export default async function RequestPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<{ filed?: string; transferred?: string; to?: string }> }) {
  const actor = await requireActor();
  const { reference } = await params;
  const request = await getRequest({ actor, reference }).catch(async (e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") {
      // A reference from before a transfer (FAC-1042 now IT-2001) still leads to the request.
      const moved = await currentReference({ actor, reference });
      if (moved) redirect(`/requests/${moved}`);
      notFound();
    }
    throw e;
  });
  const { filed, transferred, to } = await searchParams;
  const { viewer } = request;
  const closed = request.status === "CLOSED";
  // Independent reads, side by side.
  const [agents, clocks, canned, relations, segments, targets, approvals, automation, moved] = await Promise.all([
    viewer.can.assign ? assignableAgents(request.department.id) : [],
    requestClocks(request.id, request.department.id),
    viewer.can.note ? cannedResponsesForRequest({ actor, requestId: request.id }) : [],
    requestRelations({ actor, requestId: request.id }),
    viewer.can.seeInternal ? requestSegments(request.id) : [],
    viewer.can.transfer ? transferTargets({ actor, departmentId: request.department.id }) : [],
    request.approvalState ? requestApprovals({ actor, requestId: request.id }) : [],
    viewer.can.seeInternal ? automationLog({ actor, requestId: request.id }) : [],
    transferred ? transferOutcome({ actor, from: transferred, to }) : null,
  ]);
  // Agents read the clocks in the sidebar; requesters and watchers get what to expect in words.
  const expectation = viewer.isAgent
    ? null
    : slaExpectation({ status: request.status, resolvedAt: request.resolvedAt, closedAt: request.closedAt, clocks,
        timeZone: actor.timeZone,
        departmentTimeZone: request.departmentTimeZone,
        departmentName: request.department.name,
        reader: request.requester.id === actor.id ? { isRequester: true } : { isRequester: false, requesterName: request.requester.name },
        now: new Date(),
      });
  // What the viewer may do is decided by the request policy (viewer.can); the page only renders it.
  const deadline = viewer.reopenUntil;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-6">
        <TransferNotice outcome={moved} />
        {filed ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Request {request.reference} is with {request.department.name}. You will see their replies here.
          </p>
        ) : null}
        <div>
          <p className="font-mono text-sm text-slate-600">
            {request.reference}
            {relations.formerReferences.length ? <span className="ml-2 font-sans text-xs">(formerly {relations.formerReferences.join(", ")})</span> : null}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{request.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
            <StatusBadge status={request.status} approvalState={request.approvalState} />
            <span>{request.type.name}</span>
            <span>to {request.department.name}</span>
            <span>filed {formatWhen(request.createdAt, actor.timeZone)}</span>
          </div>
          <SlaExpectationText expectation={expectation} className="mt-2 block text-sm" />
        </div>
        <Card>
          <h2 className="sr-only">Description</h2>
          <p className="whitespace-pre-wrap text-sm">{request.description}</p>
          {request.fields.length ? (
            <dl className="mt-4 grid gap-x-6 gap-y-2 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2">
              {request.fields.map((f) => (
                <div key={f.key} data-testid={`field-${f.key}`}>
                  <dt className="text-xs text-slate-500">{f.label}</dt>
                  <dd>
                    <FieldValue field={f} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <AttachmentList attachments={request.attachments} className="mt-4 border-t border-slate-100 pt-4" />
        </Card>

        {request.approvalState === "PENDING" ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="awaiting-approval">
            Waiting for approval: {request.department.name} starts on it when every approval step has been approved.
          </p>
        ) : null}
        <ApprovalCard steps={approvals} canApprove={viewer.can.approve} actorId={actor.id} timeZone={actor.timeZone} />

        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">Activity</h2>
          <ol className="space-y-3" data-testid="timeline">
            {request.timeline.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <TimelineEntry item={item} requesterId={request.requester.id} mentions={request.mentions} assigneeNames={request.assigneeNames} timeZone={actor.timeZone} />
              </li>
            ))}
          </ol>
        </section>

        {relations.mergedInto ? (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="merged-into">
            {relations.mergedInto.visible ? (
              <>
                Merged into <Link className="font-mono text-brand-700 underline" href={`/requests/${relations.mergedInto.reference}`}>{relations.mergedInto.reference}</Link>: follow that request for updates.
              </>
            ) : (
              "Merged into another request as a duplicate."
            )}
          </p>
        ) : null}
        {/* Only the requester rates (ratingPrompt decides); nobody else's view asks it. */}
        {request.requester.id === actor.id ? <RatingCard actor={actor} timeZone={actor.timeZone} requestId={request.id} reference={request.reference} departmentName={request.department.name} /> : null}
        {viewer.can.reply ? (
          <Card>
            <CommentForm requestId={request.id} reference={request.reference} canNote={viewer.can.note} limits={attachmentLimits()} canned={canned} />
          </Card>
        ) : closed ? (
          <p className="text-sm text-slate-600">This request is closed. If you need more help, <Link className="text-brand-700 underline" href="/catalog">file a new request</Link>.</p>
        ) : null}
        {viewer.can.reopen ? (
          <Card>
            <ReopenForm
              requestId={request.id}
              reference={request.reference}
              version={request.version}
              deadline={deadline ? { iso: deadline.toISOString(), label: formatTime(deadline, { timeZone: actor.timeZone, style: "weekday" }) } : undefined}
            />
          </Card>
        ) : viewer.reopenWindowPassed ? (
          <p className="text-sm text-slate-600">
            This request was resolved more than {reopenWindowDays()} days ago. If you still need help,{" "}
            <Link className="text-brand-700 underline" href="/catalog">file a new request</Link> and mention {request.reference}.
          </p>
        ) : null}
      </div>

      <aside className="space-y-4">
        {viewer.can.changeStatus ? (
          <Card>
            <h2 className="mb-3 text-sm font-semibold">Work this request</h2>
            <TriageForm
              requestId={request.id}
              reference={request.reference}
              version={request.version}
              status={request.status}
              priority={request.priority}
              assigneeId={request.assignee?.id ?? ""}
              agents={agents}
              meId={actor.id}
            />
            {request.team && request.team.assignmentRule !== "MANUAL" ? (
              <AssignByRuleForm requestId={request.id} reference={request.reference} version={request.version} teamName={request.team.name} />
            ) : null}
            <TagsForm requestId={request.id} reference={request.reference} version={request.version} tags={request.tags} />
          </Card>
        ) : null}
        {!viewer.can.changeStatus && request.tags.length ? (
          <Card>
            <h2 className="mb-1 text-sm font-semibold">Tags</h2>
            <p className="text-sm text-slate-700">{request.tags.join(", ")}</p>
          </Card>
        ) : null}
        {automation.length ? (
          <Card aria-labelledby="automation-heading">
            <h2 id="automation-heading" className="mb-2 text-sm font-semibold">Automation</h2>
            <ol className="space-y-2 text-xs text-slate-700" data-testid="automation-log">
              {automation.map((a) => (
                <li key={a.id}>
                  <span className="font-semibold">{a.ruleName}</span>
                  {a.outcome === "failed" ? <span className="ml-1 font-semibold text-red-700">(stopped)</span> : null}{" "}
                  <time dateTime={a.at.toISOString()} className="text-slate-600">{formatWhen(a.at, actor.timeZone)}</time>
                  <span className="block">{a.detail}</span>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        {clocks.length ? (
          <Card>
            <h2 className="mb-2 text-sm font-semibold">Service level</h2>
            <ul className="space-y-2 text-sm" data-testid="sla-clocks">
              {clocks.map((c) => (
                <li key={`${c.metric}-${c.cycle}`} className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    {metricLabel[c.metric]}
                    {c.cycle > 1 && c.metric === "RESOLUTION" ? ` (reopened ${c.cycle - 1}×)` : ""}
                    <span className="block text-xs text-slate-500">
                      {c.stoppedAt
                        ? `${c.state === "MET" ? "Met" : "Missed"}: ${formatBusinessDuration(c.elapsedMinutes, c.dayMinutes)} of ${formatBusinessDuration(c.targetMinutes, c.dayMinutes)}`
                        : c.dueAt
                          ? `${viewer.isAgent ? "Due" : "Expected by"} ${formatDueTime(c.dueAt, { timeZone: actor.timeZone, departmentTimeZone: request.departmentTimeZone })}`
                          : `Paused while waiting on the requester`}
                    </span>
                  </span>
                  {c.stoppedAt ? (
                    <span className={cx("text-xs font-medium", c.state === "MET" ? "text-emerald-700" : "text-red-700")}>{c.state === "MET" ? "Met" : "Breached"}</span>
                  ) : (
                    <SlaBadgeView badge={c.badge} dueLabel={c.badge?.dueAt ? formatTime(c.badge.dueAt, { timeZone: actor.timeZone }) : null} />
                  )}
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-slate-500">
              Counted in {request.department.name}&apos;s business hours{relations.formerReferences.length ? ", and before the transfer in the previous department's" : ""}.
            </p>
            {segments.length ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                <h3 className="text-xs font-semibold text-slate-700">Per department</h3>
                <ul className="mt-1 space-y-1 text-xs text-slate-600" data-testid="sla-segments">
                  {segments.map((s) => (
                    <li key={`${s.segment}-${s.metric}-${s.cycle}`}>
                      {s.department}: {metricLabel[s.metric]} {formatBusinessDuration(s.elapsedMinutes, s.dayMinutes)} of {formatBusinessDuration(s.targetMinutes, s.dayMinutes)}
                      {s.stoppedAt ? ` (${s.state === "MET" ? "met" : "missed"})` : s.state === "BREACHED" ? " (missed)" : ""}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Card>
        ) : null}
        {targets.length || viewer.can.merge ? (
          <Card className="space-y-4">
            {targets.length ? <TransferForm requestId={request.id} reference={request.reference} version={request.version} targets={targets} /> : null}
            {viewer.can.merge ? <MergeForm requestId={request.id} reference={request.reference} version={request.version} /> : null}
          </Card>
        ) : null}
        {viewer.isAgent ? (
          <Card aria-label="Knowledge" className="space-y-3">
            {viewer.can.note ? <ArticlePicker requestId={request.id} /> : null}
            {request.status === "RESOLVED" || request.status === "CLOSED" ? <DraftArticleForm requestId={request.id} /> : null}
          </Card>
        ) : null}
        {relations.problem || relations.linkedToProblem.length || viewer.can.changeStatus ? (
          <Card aria-labelledby="problem-heading">
            <ProblemCard
              requestId={request.id}
              reference={request.reference}
              problem={relations.problem}
              linked={relations.linkedToProblem}
              canManage={viewer.can.changeStatus}
              open={request.status === "NEW" || request.status === "OPEN" || request.status === "WAITING_ON_REQUESTER"}
            />
          </Card>
        ) : null}
        {relations.links.length || viewer.can.link ? (
          <Card aria-labelledby="links-heading">
            <LinksCard requestId={request.id} reference={request.reference} links={relations.links} canEdit={viewer.can.link} />
            {relations.mergedFrom.length ? (
              <p className="mt-3 text-xs text-slate-600">
                Duplicates merged here:{" "}
                {relations.mergedFrom.map((m, i) => (
                  <span key={m.id}>
                    {i ? ", " : ""}
                    <Link className="font-mono text-brand-700 underline" href={`/requests/${m.reference}`}>{m.reference}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </Card>
        ) : null}
        <Card>
          <dl className="space-y-3 text-sm">
            <Detail label="Requester">
              {request.requester.name}
              <span className="block text-xs text-slate-500">{request.requesterDepartment.name}</span>
            </Detail>
            {viewer.can.changeStatus ? null : (
              <>
                <Detail label="Priority"><PriorityText priority={request.priority} /></Detail>
                <Detail label="Assignee">{request.assignee?.name ?? "Not assigned yet"}</Detail>
              </>
            )}
            {request.team ? <Detail label="Team">{request.team.name}</Detail> : null}
          </dl>
        </Card>
        <Card aria-labelledby="following-heading">
          <FollowingCard
            requestId={request.id}
            reference={request.reference}
            requester={{ id: request.requester.id, name: request.requester.name }}
            watchers={request.watchers}
            meId={actor.id}
            canAdd={viewer.can.follow}
            canRemoveOthers={viewer.can.removeFollowers}
            leaveOnSelfRemove={viewer.seesOnlyAsFollower}
          />
        </Card>
        {viewer.can.complain ? (
          <Card>
            <ComplaintForm requestId={request.id} />
          </Card>
        ) : null}
        {viewer.can.cancel ? (
          <Card>
            <CancelForm requestId={request.id} reference={request.reference} version={request.version} />
          </Card>
        ) : null}
      </aside>
    </div>
  );
}

const metricLabel = { FIRST_RESPONSE: "First response", RESOLUTION: "Resolution", NEXT_REPLY: "Next reply" } as const;

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function TimelineEntry(props: { item: TimelineItem; requesterId: string; mentions: Record<string, string>; assigneeNames: Record<string, string>; timeZone: string }) {
  const { item, requesterId, mentions, timeZone } = props;
  if (item.kind === "comment") {
    return (
      <article
        className={cx(
          "rounded-lg p-4 ring-1",
          item.internal ? "bg-amber-50 ring-amber-200" : item.author.id === requesterId ? "bg-white ring-slate-200" : "bg-brand-50 ring-brand-100",
        )}
      >
        <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <span className="font-semibold text-slate-800">{item.author.name}</span>
          {item.byStaff ? <span className="rounded bg-white/70 px-1.5 ring-1 ring-slate-200">agent</span> : null}
          {item.internal ? <span className="rounded bg-amber-200 px-1.5 font-medium text-amber-900">Internal note</span> : null}
          <time dateTime={item.at.toISOString()}>{formatWhen(item.at, timeZone)}</time>
        </header>
        <CommentBody body={item.body} mentions={mentions} />
        <AttachmentList attachments={item.attachments} className="mt-3" />
      </article>
    );
  }
  return (
    <p className="flex flex-wrap gap-x-2 px-1 text-xs text-slate-600">
      <span>{describeEvent(item, props.assigneeNames)}</span>
      <time dateTime={item.at.toISOString()}>{formatWhen(item.at, timeZone)}</time>
    </p>
  );
}

/** A stored value as the requester gave it: a co-worker by name, files as download links. */
function FieldValue({ field: f }: { field: FieldView }) {
  if (f.kind === "person") return <>{f.person?.name ?? "(unknown co-worker)"}</>;
  if (f.kind === "file") return f.files?.length ? <AttachmentList attachments={f.files} label={`Files of ${f.label}`} testId={`field-files-${f.key}`} /> : <>(no file)</>;
  if (Array.isArray(f.value)) return <>{f.value.map(String).join(", ")}</>;
  if (typeof f.value === "boolean") return <>{f.value ? "Yes" : "No"}</>;
  return <>{typeof f.value === "object" && f.value !== null ? JSON.stringify(f.value) : String(f.value)}</>;
}

/** A text ended as a sentence once: "Wrong desk" and "Wrong desk." both read "Wrong desk.". */
function sentence(text: string): string {
  return /[.!?…]["”')]?$/.test(text) ? text : `${text}.`;
}

function describeEvent(item: Extract<TimelineItem, { kind: "event" }>, assigneeNames: Record<string, string>): string {
  const who = item.actor?.name ?? "The desk";
  const e = item.event;
  switch (e?.type) {
    case "created":
      return `${who} filed the request.`;
    case "status_changed":
      if (e.to.cancelled) return `${who} cancelled the request.`;
      if (e.to.merged) return `${who} closed the request as a duplicate.`;
      if (e.to.reopened) return `${who} reopened the request.`;
      return e.from ? `${who} changed the status from ${statusLabel[e.from.status]} to ${statusLabel[e.to.status]}.` : `${who} changed the status to ${statusLabel[e.to.status]}.`;
    case "priority_changed":
      return e.from ? `${who} changed the priority from ${priorityLabel[e.from.priority]} to ${priorityLabel[e.to.priority]}.` : `${who} changed the priority to ${priorityLabel[e.to.priority]}.`;
    case "assigned": {
      if (!e.to.assigneeId) return `${who} unassigned the request.`;
      if (item.actor?.id === e.to.assigneeId) return `${who} took the request.`;
      const name = assigneeNames[e.to.assigneeId];
      return name ? `${who} assigned the request to ${name}.` : `${who} assigned the request.`;
    }
    case "watcher_added":
      return e.to.name ? `${who} added ${e.to.name} as a follower.` : `${who} added a follower.`;
    case "watcher_removed":
      if (item.actor && item.actor.id === e.from.personId) return `${who} stopped following the request.`;
      return e.from.name ? `${who} removed ${e.from.name} as a follower.` : `${who} removed a follower.`;
    case "transferred": {
      const place = (name: string | undefined, reference: string | undefined) => `${name ?? "another department"}${reference ? ` (${reference})` : ""}`;
      const reason = e.to.reason?.trim();
      const given = e.from.fields ?? [];
      return [
        `${who} transferred the request from ${place(e.from.departmentName, e.from.reference)} to ${place(e.to.departmentName, e.to.reference)}.`,
        reason ? `Reason: ${sentence(reason)}` : null,
        given.length ? `Details given: ${given.map((f) => `${f.label.replace(/[:\s]+$/, "")}: ${f.value.trim().replace(/[.;,\s]+$/, "")}`).join("; ")}.` : null,
      ]
        .filter(Boolean)
        .join(" ");
    }
    case "merged_into":
      return `${who} merged this request into ${e.to.reference}.`;
    case "merged_from":
      return `${who} merged ${e.to.reference} into this request.`;
    case "linked":
      return `${who} linked ${e.to.reference}.`;
    case "unlinked":
      return `${who} removed the link to ${e.from.reference}.`;
    case "approval_requested": {
      const names = e.to.approvers.map((a) => (a.onBehalfOfName ? `${a.name} (for ${a.onBehalfOfName})` : a.name)).join(", ");
      return `Approval step “${e.to.name}” asks ${names || "nobody"}${e.to.escalated ? ", as nobody else could decide it" : ""}.`;
    }
    case "approval_decided":
      return e.to.decision === "APPROVED" ? `${who} approved “${e.to.name}”.` : `${who} rejected “${e.to.name}”: ${e.to.reason ?? ""}`;
    case "approval_delegated":
      return `${e.from.name} is away: “${e.to.name}” now waits on ${e.to.personName}.`;
    case "approval_completed":
      return e.to.outcome === "APPROVED" ? "Approved: the department starts on it now." : `Not approved: ${e.to.reason ?? ""}`;
    case "tags_changed":
      return e.to.tags.length ? `${who} set the tags to ${e.to.tags.join(", ")}.` : `${who} removed the tags.`;
    case "team_changed":
      return e.to.teamId ? `${who} moved the request to another team.` : `${who} took the request off its team.`;
    default:
      return `${who}: ${item.type}.`;
  }
}
