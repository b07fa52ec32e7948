import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { teamSettings } from "@/lib/org/team-settings";
import { assignmentRuleLabel } from "@/lib/validation/org";
import { Card, PageHeader, cx } from "../../../../_components/ui";
import { AddMemberForm, AvailabilityToggle, CreateTeamForm, RemoveMemberButton, RenameTeamForm, TeamRuleForm } from "./team-forms";

export const metadata = { title: "Teams" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const { department, teams, agents } = await teamSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });

  return (
    <>
      <PageHeader
        title={`${department.name} teams`}
        subtitle="Requests filed to a team are assigned by its rule: by hand, round robin (each member in turn) or least loaded (the member with the fewest open requests). Agents who are away are skipped."
      />
      <div className="space-y-6">
        {teams.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">No teams yet. Create one below, then choose it as the default team of request types in the catalogue.</p>
          </Card>
        ) : null}
        {teams.map((team) => (
          <Card key={team.id} aria-labelledby={`team-${team.id}-heading`} data-testid="team">
            <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`team-${team.id}-heading`} className="text-lg font-semibold">{team.name}</h2>
              <p className="text-xs text-slate-600">
                {assignmentRuleLabel[team.rule]} · {team.members.length} member{team.members.length === 1 ? "" : "s"} · default team of {team.requestTypeCount} request type
                {team.requestTypeCount === 1 ? "" : "s"}
              </p>
            </div>
            <div className="grid gap-6 md:grid-cols-2">
              <div className="space-y-4">
                <TeamRuleForm department={department.key} teamId={team.id} teamName={team.name} rule={team.rule} />
                <RenameTeamForm department={department.key} teamId={team.id} name={team.name} />
              </div>
              <div className="space-y-3">
                <h3 className="text-sm font-semibold">Members</h3>
                {team.members.length ? (
                  <ul className="divide-y divide-slate-100 text-sm" aria-label={`Members of ${team.name}`}>
                    {team.members.map((m) => (
                      <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span className="flex items-center gap-2">
                          {m.name}
                          <AvailabilityBadge active={m.active} available={m.available} />
                        </span>
                        <span className="flex items-center gap-1">
                          {m.active ? <AvailabilityToggle department={department.key} personId={m.id} name={m.name} available={m.available} /> : null}
                          <RemoveMemberButton department={department.key} teamId={team.id} personId={m.id} name={m.name} />
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-600">Nobody yet: requests to this team stay unassigned.</p>
                )}
                <AddMemberForm department={department.key} departmentId={department.id} teamId={team.id} teamName={team.name} exclude={team.members.map((m) => m.id)} />
              </div>
            </div>
          </Card>
        ))}
        <Card aria-labelledby="new-team-heading">
          <h2 id="new-team-heading" className="mb-3 text-lg font-semibold">New team</h2>
          <CreateTeamForm department={department.key} departmentId={department.id} />
        </Card>
        <Card aria-labelledby="agents-heading">
          <h2 id="agents-heading" className="mb-1 text-lg font-semibold">Agents of {department.name}</h2>
          <p className="mb-3 text-xs text-slate-600">Agents set themselves away on their queue page; you can do it for them here.</p>
          {agents.length === 0 ? (
            <p className="text-sm text-slate-600">No agents yet.</p>
          ) : (
            <ul className="grid gap-x-6 text-sm md:grid-cols-2">
              {agents.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 py-2">
                  <span className="flex items-center gap-2">
                    {a.name}
                    <AvailabilityBadge active={a.active} available={a.available} />
                  </span>
                  {a.active ? <AvailabilityToggle department={department.key} personId={a.id} name={a.name} available={a.available} /> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function AvailabilityBadge({ active, available }: { active: boolean; available: boolean }) {
  const [label, style] = !active ? ["Deactivated", "bg-red-100 text-red-800"] : available ? ["Available", "bg-emerald-100 text-emerald-800"] : ["Away", "bg-slate-200 text-slate-700"];
  return <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", style)}>{label}</span>;
}
