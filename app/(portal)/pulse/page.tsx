import { requireActor } from "@/lib/auth/session";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { listMyPulse } from "@/lib/satisfaction/my-pulse";
import { RatingForm } from "../../_components/rating-form";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../_components/ui";
import { answerPulseAction } from "./actions";

export const metadata = { title: "Pulse surveys" };

export default async function PulsePage() {
  const actor = await requireActor();
  const rounds = await listMyPulse({ actor });
  return (
    <>
      <PageHeader
        title="Pulse surveys"
        subtitle="How well do the departments your team used serve it? Only you see your own answers; departments and HR see only totals of many people, never who answered."
      />
      {rounds.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No survey is asking you anything right now.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          {rounds.map((round) => (
            <section key={round.roundId} aria-labelledby={`round-${round.roundId}`}>
              <h2 id={`round-${round.roundId}`} className="mb-1 text-lg font-semibold text-slate-900">{periodLabel(round.period)}</h2>
              <p className="mb-3 text-sm text-slate-600">
                About service your team received in {periodLabel(round.period)}. Open until <time dateTime={round.closesAt.toISOString()}>{formatWhen(round.closesAt, actor.timeZone)}</time>.
              </p>
              <div className="space-y-4">
                {round.departments.map((d) => (
                  <Card key={d.id} data-testid={`pulse-${d.id}`}>
                    <h3 className="mb-3 font-semibold text-slate-900">{d.name}</h3>
                    {d.answeredAt ? (
                      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
                        Thank you: you answered on <time dateTime={d.answeredAt.toISOString()}>{formatWhen(d.answeredAt, actor.timeZone)}</time>. Answers cannot be changed.
                      </p>
                    ) : (
                      <RatingForm
                        action={answerPulseAction}
                        hidden={{ roundId: round.roundId, departmentId: d.id }}
                        subject={d.name}
                        question={`How well does ${d.name} serve your team?`}
                        idPrefix={`pulse-${round.roundId}-${d.id}`}
                        submitLabel="Send answer"
                      />
                    )}
                  </Card>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
