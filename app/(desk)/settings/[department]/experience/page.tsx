import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { experienceSettings } from "@/lib/experience/experience-settings";
import { Card, PageHeader } from "../../../../_components/ui";
import { DelegateForm, GoalForm, ReasonsForm } from "./experience-forms";

export const metadata = { title: "Experience settings" };

export default async function ExperienceSettingsPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const settings = await experienceSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const { department } = settings;
  const base = { departmentId: department.id, department: department.key };
  const lines = (band: "positive" | "negative") => settings.reasons.filter((r) => r.band === band).map((r) => r.label).join("\n");
  return (
    <>
      <PageHeader title={`${department.name}: experience`} subtitle="Your satisfaction goal, the reasons requesters may tick when they rate, and who follows up complaints with you." />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Satisfaction goal</h2>
          <p className="mb-3 text-sm text-slate-600">Met when at least this share of ratings in a published period are 4 or 5. A change applies to months published afterwards. Beside it, the SLA compliance from which your SLAs count as met: SLAs met with experience below goal is a &ldquo;watermelon&rdquo;.</p>
          <GoalForm {...base} goal={department.goal} slaGoal={department.slaGoal} />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">What mattered</h2>
          <p className="mb-3 text-sm text-slate-600">Offered after the score, by its band; optional for the requester. Renaming a reason keeps its counts only if you keep its words; a new line is a new reason.</p>
          <ReasonsForm {...base} positive={lines("positive")} negative={lines("negative")} />
        </Card>
        {settings.mayDelegate ? (
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Complaint follow-ups</h2>
            <p className="mb-3 text-sm text-slate-600">The person you name sees, like you, who made a complaint they asked to be contacted about. Nobody else does, HR included.</p>
            <DelegateForm {...base} delegateId={department.delegateId} people={settings.people} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
