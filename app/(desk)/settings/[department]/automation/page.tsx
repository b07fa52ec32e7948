import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { automationSettings } from "@/lib/automation/rule-settings";
import { AppError } from "@/lib/errors";
import type { RuleActions, RuleConditions } from "@/lib/validation/automation";
import { isTimeTrigger, triggerLabel, type Trigger } from "@/lib/validation/automation-triggers";
import { priorityLabel, statusLabel } from "@/lib/validation/request-values";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { RuleControls, RuleForm, emptyRule, type RuleOptions } from "./rule-forms";

export const metadata = { title: "Automation" };

type Named = Map<string, string>;

function whenText(trigger: string, count: number | null) {
  const t = trigger as Trigger;
  if (isTimeTrigger(t)) return triggerLabel[t].replace(/\bN\b/, String(count ?? "?"));
  return triggerLabel[t] ?? trigger;
}

function ifText(c: RuleConditions, names: Named): string[] {
  const list = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? "(removed)").join(" or ");
  return [
    c.typeIds.length ? `type is ${list(c.typeIds)}` : null,
    c.priorities.length ? `priority is ${c.priorities.map((p) => priorityLabel[p]).join(" or ")}` : null,
    c.statuses.length ? `status is ${c.statuses.map((s) => statusLabel[s]).join(" or ")}` : null,
    c.requesterDepartmentIds.length ? `requester is from ${list(c.requesterDepartmentIds)}` : null,
    c.teamIds.length ? `team is ${list(c.teamIds)}` : null,
    c.tags.length ? `tagged ${c.tags.join(" or ")}` : null,
    ...c.fields.map((f) => `${f.key} reads "${f.value}"`),
  ].filter((x): x is string => x !== null);
}

function thenText(a: RuleActions, names: Named): string[] {
  return [
    a.setTeamId ? `set the team to ${names.get(a.setTeamId) ?? "(removed)"}` : null,
    a.setPriority ? `set the priority to ${priorityLabel[a.setPriority]}` : null,
    a.setAssigneeId ? `assign it to ${names.get(a.setAssigneeId) ?? "(removed)"}` : null,
    a.addTags.length ? `tag it ${a.addTags.join(", ")}` : null,
    a.addFollowerIds.length ? `add ${a.addFollowerIds.map((id) => names.get(id) ?? "(removed)").join(", ")} as followers` : null,
    a.reply ? "reply to the requester" : null,
    a.cannedResponseId ? `send the canned response "${names.get(a.cannedResponseId) ?? "(removed)"}"` : null,
    a.note ? "add an internal note" : null,
    a.notifyPersonIds.length ? `notify ${a.notifyPersonIds.map((id) => names.get(id) ?? "(removed)").join(", ")}` : null,
    a.setStatus ? `set the status to ${statusLabel[a.setStatus]}` : null,
    a.transferToDepartmentId ? `transfer it to ${names.get(a.transferToDepartmentId) ?? "(removed)"}` : null,
  ].filter((x): x is string => x !== null);
}

export default async function AutomationPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const { department, rules, options } = await automationSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const formOptions: RuleOptions = options;
  const names: Named = new Map([
    ...options.types.map((t) => [t.id, t.name] as const),
    ...options.teams.map((t) => [t.id, t.name] as const),
    ...options.agents.map((t) => [t.id, t.name] as const),
    ...options.departments.map((t) => [t.id, t.name] as const),
    ...options.cannedResponses.map((t) => [t.id, t.title] as const),
  ]);

  return (
    <>
      <PageHeader
        title={`${department.name} automation`}
        subtitle="Rules that move requests along by themselves: when something happens (or has not happened for a while), if the request matches, then the rule acts as its own automation user. Rules run in this order, once per trigger; what a rule changes never triggers another rule. Time is counted in your department's business hours; a rule counts from when it was switched on."
      />
      <div className="space-y-6">
        <Card aria-labelledby="rules-heading">
          <h2 id="rules-heading" className="mb-3 text-lg font-semibold">Rules</h2>
          {rules.length === 0 ? <p className="text-sm text-slate-600">None yet.</p> : null}
          <ol className="divide-y divide-slate-100" data-testid="automation-rules">
            {rules.map((r, i) => {
              const conditions = ifText(r.conditions, names);
              return (
                <li key={r.id} className="py-3" data-testid="automation-rule">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <h3 className="font-medium">
                        {i + 1}. {r.name}{" "}
                        <span className={r.enabled ? "rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-800" : "rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-700"}>
                          {r.enabled ? "On" : "Off"}
                        </span>
                        {r.builtIn ? <span className="ml-1 text-xs font-normal text-slate-600">(built in)</span> : null}
                      </h3>
                      <p className="mt-1 text-sm text-slate-700">
                        <strong>When</strong> {whenText(r.trigger, r.triggerCount).toLowerCase()}
                        {conditions.length ? <>, <strong>if</strong> {conditions.join(" and ")}</> : null}, <strong>then</strong> {thenText(r.actions, names).join(", then ")}.
                      </p>
                      <p className="text-xs text-slate-600">
                        Fired {r.fired} time{r.fired === 1 ? "" : "s"} · changed {formatWhen(r.updatedAt, actor.timeZone)}
                      </p>
                    </div>
                    <RuleControls department={department.key} id={r.id} name={r.name} enabled={r.enabled} first={i === 0} last={i === rules.length - 1} />
                  </div>
                  <details className="mt-2 rounded-md bg-slate-50 p-3">
                    <summary className="cursor-pointer text-sm font-semibold text-slate-800">Edit {r.name}</summary>
                    <div className="mt-3">
                      <RuleForm
                        department={department.key}
                        departmentId={department.id}
                        id={r.id}
                        options={formOptions}
                        values={{ name: r.name, trigger: r.trigger as Trigger, triggerCount: r.triggerCount, conditions: r.conditions, actions: r.actions }}
                      />
                    </div>
                  </details>
                </li>
              );
            })}
          </ol>
        </Card>
        <Card aria-labelledby="new-rule-heading">
          <h2 id="new-rule-heading" className="mb-3 text-lg font-semibold">New rule</h2>
          <RuleForm department={department.key} departmentId={department.id} options={formOptions} values={emptyRule} />
        </Card>
      </div>
    </>
  );
}
