"use client";
import { useActionForm } from "../../../_components/action-form";
import { Button, FormMessage, cx } from "../../../_components/ui";
import { setMyAvailabilityAction } from "./actions";

export function MyAvailability({ available, department }: { available: boolean; department: string }) {
  const { state, pending, formProps } = useActionForm(setMyAvailabilityAction);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="available" value={available ? "false" : "true"} />
      <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", available ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700")} data-testid="my-availability">
        {available ? "You are available" : "You are away"}
      </span>
      <Button type="submit" variant="secondary" disabled={pending}>{available ? "Set me away" : "Set me available"}</Button>
      {state ? <FormMessage state={state} /> : null}
    </form>
  );
}
