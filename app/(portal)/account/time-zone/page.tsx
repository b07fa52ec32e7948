import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatTime } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../_components/ui";
import { TimeZoneForm } from "./time-zone-form";

export const metadata = { title: "Time zone" };

const sourceText = {
  DEFAULT: "your department's, until your browser tells us yours",
  BROWSER: "the one your browser reported when you signed in",
  CHOSEN: "the one you chose",
  DEPARTMENT: "your department's, as you chose",
} as const;

export default async function TimeZonePage() {
  const actor = await requireActor();
  const department = await db().department.findUniqueOrThrow({ where: { id: actor.departmentId }, select: { timeZone: true } });
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes(actor.timeZone)) zones.unshift(actor.timeZone);
  return (
    <>
      <PageHeader title="Time zone" subtitle="Every time the desk shows you, on its pages and in its emails, is in this zone, with the zone's abbreviation beside it." />
      <Card>
        <p className="mb-4 text-sm text-slate-700" data-testid="my-time-zone">
          Now: <strong>{actor.timeZone}</strong> ({sourceText[actor.timeZoneSource]}), where it is {formatTime(new Date(), { timeZone: actor.timeZone })}.
        </p>
        <TimeZoneForm zones={zones} current={actor.timeZone} followsDepartment={actor.timeZoneSource === "DEPARTMENT" || actor.timeZoneSource === "DEFAULT"} departmentZone={department.timeZone} />
      </Card>
    </>
  );
}
