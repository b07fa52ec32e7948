"use client";
import { Banner, Field, useActionForm } from "../../../../_components/action-form";
import { Button } from "../../../../_components/ui";
import { updateThresholdsAction } from "./actions";

export function ThresholdsForm({ minRaters, minComments, floor }: { minRaters: number; minComments: number; floor: number }) {
  const { formProps, errors, banner, pending } = useActionForm(updateThresholdsAction);
  return (
    <form {...formProps} className="grid max-w-md gap-3" noValidate>
      <Field id="t-raters" name="minRaters" type="number" min={floor} step={1} label="Fewest different raters behind a satisfaction figure" defaultValue={minRaters} error={errors?.minRaters} hint={`At least ${floor}.`} />
      <Field id="t-comments" name="minComments" type="number" min={floor} step={1} label="Fewest comments behind comment themes" defaultValue={minComments} error={errors?.minComments} hint={`At least ${floor}.`} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>Save thresholds</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}
