"use client";
import { Banner, Field, useActionForm } from "../../../_components/action-form";
import { Button } from "../../../_components/ui";
import { setOrganisationTimeZoneAction } from "./actions";

export function OrganisationTimeZoneForm({ timeZone }: { timeZone: string }) {
  const { formProps, errors, banner, pending } = useActionForm(setOrganisationTimeZoneAction);
  return (
    <form {...formProps} className="grid max-w-md gap-3" noValidate>
      <Field id="org-tz" name="timeZone" label="Organisation time zone" list="time-zones" defaultValue={timeZone} error={errors?.timeZone} hint="IANA name, e.g. Europe/Berlin." />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>Save time zone</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}
