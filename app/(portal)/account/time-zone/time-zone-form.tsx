"use client";
import { Banner, SelectField, useActionForm } from "../../../_components/action-form";
import { Button } from "../../../_components/ui";
import { saveTimeZoneAction } from "./actions";

export function TimeZoneForm({ zones, current, followsDepartment, departmentZone }: { zones: string[]; current: string; followsDepartment: boolean; departmentZone: string }) {
  const { pending, banner, errors, formProps } = useActionForm(saveTimeZoneAction);
  return (
    <form {...formProps} className="space-y-4">
      <SelectField id="timeZone" name="timeZone" label="Show times in" defaultValue={followsDepartment ? "department" : current} error={errors?.timeZone}>
        <option value="department">My department&apos;s time zone ({departmentZone})</option>
        {zones.map((z) => (
          <option key={z} value={z}>{z.replaceAll("_", " ")}</option>
        ))}
      </SelectField>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}
