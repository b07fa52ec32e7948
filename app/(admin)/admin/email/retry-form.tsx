"use client";
import { useActionState } from "react";
import { Button, FormMessage } from "../../../_components/ui";
import { retryEmailAction } from "./actions";

export function RetryButton({ deliveryId, label }: { deliveryId?: string; label: string }) {
  const [state, action, pending] = useActionState(retryEmailAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {deliveryId ? <input type="hidden" name="deliveryId" value={deliveryId} /> : null}
      <Button type="submit" variant="secondary" disabled={pending} className={deliveryId ? "px-2.5 py-1 text-xs" : undefined}>
        {pending ? "Queuing…" : label}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
