"use client";
import { useEffect, useId, useState } from "react";
import { useActionForm } from "../../../_components/action-form";
import { PersonPicker } from "../../../_components/person-picker";
import { Button, FormMessage } from "../../../_components/ui";
import { addWatcherAction, removeWatcherAction } from "./actions";

type Person = { id: string; name: string };

type FollowingProps = {
  requestId: string;
  reference: string;
  requester: Person;
  watchers: Person[];
  meId: string;
  canAdd: boolean;
  canRemoveOthers: boolean;
  /** The viewer sees the request only as a follower: after leaving they go back to their list. */
  leaveOnSelfRemove: boolean;
};

export function FollowingCard(props: FollowingProps) {
  return (
    <div className="space-y-3">
      <h2 id="following-heading" className="text-sm font-semibold">Following</h2>
      <p className="text-xs text-slate-500">Followers see public replies and status changes.</p>
      {props.watchers.length ? (
        <ul aria-labelledby="following-heading" className="space-y-1 text-sm" data-testid="watchers">
          {props.watchers.map((w) => (
            <li key={w.id} className="flex items-center justify-between gap-2">
              <span>{w.id === props.meId ? `${w.name} (you)` : w.name}</span>
              {w.id === props.meId || props.canRemoveOthers ? (
                <RemoveWatcher {...props} person={w} self={w.id === props.meId} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Nobody else follows this request yet.</p>
      )}
      {props.canAdd ? (
        <AddWatcher requestId={props.requestId} reference={props.reference} exclude={[props.requester.id, ...props.watchers.map((w) => w.id)]} />
      ) : null}
    </div>
  );
}

function RemoveWatcher({ requestId, reference, person, self, leaveOnSelfRemove }: FollowingProps & { person: Person; self: boolean }) {
  const { state, pending, formProps } = useActionForm(removeWatcherAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="personId" value={person.id} />
      {self && leaveOnSelfRemove ? <input type="hidden" name="leave" value="1" /> : null}
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending} aria-label={self ? "Stop following this request" : `Remove ${person.name}`}>
        {self ? "Stop following" : "Remove"}
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

/** Adds a co-worker as a follower; the picker starts empty again after each addition. */
function AddWatcher({ requestId, reference, exclude }: { requestId: string; reference: string; exclude: string[] }) {
  const { state, pending, errors, banner, formProps } = useActionForm(addWatcherAction);
  const uid = useId();
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (state?.ok) setRound((r) => r + 1);
  }, [state]);
  return (
    <form {...formProps} className="space-y-2 border-t border-slate-100 pt-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <PersonPicker key={round} id={`${uid}-coworker`} name="personId" label="Add a co-worker" error={errors?.personId} exclude={exclude} />
      <FormMessage state={banner} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>Add</Button>
      </div>
    </form>
  );
}
