import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation/parse";
import { notificationPreferencesSchema, type NotificationPreferencesInput } from "@/lib/validation/notifications";
import { preferenceDefaults, preferenceKinds, type Channels, type PreferenceKind } from "./kinds";

export type PreferenceRow = { kind: PreferenceKind } & Channels & { isDefault: boolean };

/** The actor's choice for every kind, with the default where they made none. Only ever their own. */
export async function getNotificationPreferences(options: { actor: Actor }): Promise<PreferenceRow[]> {
  const rows = await db().notificationPreference.findMany({ where: { personId: options.actor.id }, select: { kind: true, inApp: true, email: true } });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return preferenceKinds.map((kind) => {
    const chosen = byKind.get(kind);
    return chosen ? { kind, inApp: chosen.inApp, email: chosen.email, isDefault: false } : { kind, ...preferenceDefaults[kind], isDefault: true };
  });
}

/** Saves the actor's choices for the given kinds, all or nothing: bad input changes nothing. */
export async function updateNotificationPreferences(options: { actor: Actor; input: NotificationPreferencesInput }) {
  const input = parseInput(notificationPreferencesSchema, options.input);
  const personId = options.actor.id;
  await db().$transaction(
    input.preferences.map((p) =>
      db().notificationPreference.upsert({
        where: { personId_kind: { personId, kind: p.kind } },
        create: { personId, kind: p.kind, inApp: p.inApp, email: p.email },
        update: { inApp: p.inApp, email: p.email },
      }),
    ),
  );
  return getNotificationPreferences({ actor: options.actor });
}
