"use client";
import { useActionState } from "react";
import { Button } from "../../_components/ui";
import { markReadAction } from "./actions";

export function MarkAllRead() {
  const [, action, pending] = useActionState(markReadAction, null);
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" disabled={pending}>Mark all read</Button>
    </form>
  );
}
