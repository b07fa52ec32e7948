"use client";
import { Banner, Field, useActionForm } from "../../../../_components/action-form";
import { Button } from "../../../../_components/ui";
import { updateThresholdsAction } from "./actions";

export function ThresholdsForm(props: { minRaters: number; minComments: number; minAgents: number; floor: number; agentsFloor: number }) {
  const { minRaters, minComments, minAgents, floor, agentsFloor } = props;
  const { formProps, errors, banner, pending } = useActionForm(updateThresholdsAction);
  return (
    <form {...formProps} className="grid max-w-md gap-3" noValidate>
      <Field id="t-raters" name="minRaters" type="number" min={floor} step={1} label="Fewest different raters behind a satisfaction figure" defaultValue={minRaters} error={errors?.minRaters} hint={`At least ${floor}.`} />
      <Field id="t-comments" name="minComments" type="number" min={floor} step={1} label="Fewest different commenters behind a comment theme" defaultValue={minComments} error={errors?.minComments} hint={`At least ${floor}.`} />
      <Field id="t-agents" name="minAgents" type="number" min={agentsFloor} step={1} label="Fewest agents behind a department's workload figures" defaultValue={minAgents} error={errors?.minAgents} hint={`At least ${agentsFloor}.`} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>Save thresholds</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}
