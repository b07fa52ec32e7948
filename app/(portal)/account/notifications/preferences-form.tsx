"use client";
import { Banner, useActionForm } from "../../../_components/action-form";
import { Button } from "../../../_components/ui";
import type { PreferenceRow } from "@/lib/notifications/preferences";
import { preferenceLabels } from "@/lib/notifications/kinds";
import { savePreferencesAction } from "./actions";

export function PreferencesForm({ preferences, emailEnabled }: { preferences: PreferenceRow[]; emailEnabled: boolean }) {
  const { pending, banner, formProps } = useActionForm(savePreferencesAction);
  return (
    <form {...formProps} className="space-y-4">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Notifications you receive, in the app and by email</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">What happened</th>
            <th scope="col" className="px-4 py-2 text-center">In the app</th>
            <th scope="col" className="px-4 py-2 text-center">By email</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preferences.map((p) => {
            const { label, hint } = preferenceLabels[p.kind];
            return (
              <tr key={p.kind}>
                <th scope="row" className="px-4 py-3 text-left font-normal">
                  <input type="hidden" name="kind" value={p.kind} />
                  <span id={`pref-${p.kind}`} className="block font-medium text-slate-900">{label}</span>
                  <span className="block text-xs text-slate-500">{hint}</span>
                </th>
                <td className="px-4 py-3 text-center">
                  <input
                    type="checkbox"
                    name={`inApp:${p.kind}`}
                    defaultChecked={p.inApp}
                    aria-label={`${label}: in the app`}
                    className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                  />
                </td>
                <td className="px-4 py-3 text-center">
                  <input
                    type="checkbox"
                    name={`email:${p.kind}`}
                    defaultChecked={p.email}
                    aria-label={`${label}: by email`}
                    className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {emailEnabled ? null : <p className="px-4 text-xs text-slate-500">This desk has no mail server configured yet: email choices apply once it has one.</p>}
      <div className="flex items-center gap-3 px-4 pb-4">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}
