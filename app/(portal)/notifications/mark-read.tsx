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

export function MarkOneRead({ id, title }: { id: string; title: string }) {
  const [, action, pending] = useActionState(markReadAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-xs text-brand-700 hover:underline disabled:text-slate-400" aria-label={`Mark read: ${title}`}>
        Mark read
      </button>
    </form>
  );
}
