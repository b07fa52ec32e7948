import "server-only";
import type { z } from "zod";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { transferSchema, type TransferInput } from "@/lib/validation/request-relations";
import { parseFieldDefinitions, type FieldDefinition } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import { eventRow } from "./events";
import { bumpVersion, loadForChange, staleVersion } from "./load-for-change";
import { formatReference } from "./reference";
import { mayOn, visibleRequests, workRefusal } from "./request-policy";
import { takeRequestNumber } from "./take-request-number";
import { isOpenStatus } from "./statuses";

const invalid = (field: string, message: string) => new AppError("INVALID_INPUT", message, { [field]: [message] });

/**
 * An agent of the department holding a request hands it to another department, with a reason the
 * requester sees. The request takes a number of the receiving department (FAC-1042 becomes
 * IT-2001): references are per department and unique with it, and the queue, search and mail all
 * read them that way. The old reference stays an alias, so links and emails that carry it still
 * lead to the request (the request page redirects). Assignee and team of the old department are
 * cleared; the team becomes the new type's default team, as if it had been filed there. The new
 * number is taken as a filing takes it (takeRequestNumber): in a statement of its own, once the
 * checks have passed, so the receiving department's row is not locked for the whole transfer.
 *
 * SLA: the requester-facing clocks keep running, under the receiving department's matching policy
 * from now on (time spent so far is kept, as on any change of policy); each department is measured
 * on its own segment (lib/sla/clock.ts).
 */
export async function transferRequest(options: { actor: Actor; input: TransferInput }): Promise<{ reference: string; version: number; stillVisible: boolean; fromDepartmentKey: string }> {
  const { actor } = options;
  const input = parseInput(transferSchema, options.input);
  // A refused transfer is refused before the number is taken: it leaves no gap in the numbering.
  const { target: receiving } = await checkTransfer(db(), actor, input);
  const number = await takeRequestNumber(receiving.id);
  return db().$transaction(async (tx) => {
    // Checked again under the request's row lock: a change in between refuses it as stale, and the
    // number taken is then a gap in the receiving department's numbering (never used twice).
    const { request, target, current, type } = await checkTransfer(tx, actor, input);
    const oldReference = formatReference(current.department.key, current.number);
    const reference = formatReference(target.key, number);
    await tx.requestAlias.create({ data: { departmentId: request.departmentId, number: current.number, requestId: request.id } });
    await bumpVersion(tx, request.id, request.version, { departmentId: target.id, number, typeId: type.id, assigneeId: null, teamId: type.defaultTeamId });
    // Search finds a department's comments by their own copy of the department (and internal notes
    // are for the holding department's agents only), so they move with the request.
    await tx.comment.updateMany({ where: { requestId: request.id }, data: { departmentId: target.id } });
    await tx.requestEvent.create({
      data: eventRow(request.id, actor.id, "transferred", {
        from: {
          departmentId: request.departmentId,
          departmentName: current.department.name,
          reference: oldReference,
          typeId: current.typeId,
          assigneeId: request.assigneeId,
          teamId: current.teamId,
          // The new type may ask other questions: what the requester answered stays readable.
          fields: await answers(tx, current.type.fields, current.fieldValues),
        },
        to: { departmentId: target.id, departmentName: target.name, reference, typeId: type.id, assigneeId: null, teamId: type.defaultTeamId, reason: input.reason },
      }),
    });
    await refreshClocks(tx, request.id);

    const link = `${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${reference}`;
    const staff = { active: true, roles: { some: { departmentId: target.id, role: { in: ["AGENT" as const, "HEAD" as const] } } } };
    const team = type.defaultTeamId ? await tx.person.findMany({ where: { ...staff, teams: { some: { teamId: type.defaultTeamId } } }, select: { id: true } }) : [];
    const receivers = team.length ? team : await tx.person.findMany({ where: staff, select: { id: true } });
    await notify(tx, {
      personIds: receivers.map((p) => p.id).filter((id) => id !== actor.id),
      kind: "new_request",
      requestId: request.id,
      title: `Transferred to ${target.name}: ${reference} ${current.title}`,
      body: `${actor.name} transferred “${current.title}” (was ${oldReference}) from ${current.department.name}.\n\n${input.reason}`,
      link,
    });
    await notify(tx, {
      personIds: [request.requesterId, ...current.watchers.map((w) => w.personId)].filter((id) => id !== actor.id),
      kind: "status_changed",
      requestId: request.id,
      title: `${oldReference} is now ${reference} with ${target.name}`,
      body: `${actor.name} passed “${current.title}” to ${target.name}.\n\n${input.reason}`,
      link,
    });
    // Agents of the old department lose sight of it unless they also filed, follow or receive it.
    const stillVisible = (await tx.request.count({ where: { AND: [{ id: request.id }, visibleRequests(actor)] } })) > 0;
    return { reference, version: request.version + 1, stillVisible, fromDepartmentKey: current.department.key };
  });
}

/** Everything that can refuse the transfer, and what it needs; given a transaction, under the request's row lock. */
async function checkTransfer(tx: Tx, actor: Actor, input: z.output<typeof transferSchema>) {
  const request = await loadForChange(tx, actor, input.requestId);
  if (!mayOn(actor, request, "request.transfer")) {
    throw forbidden("Only agents of the department holding this request can transfer it.");
  }
  const refusal = workRefusal(request);
  if (refusal) throw refusal;
  if (!isOpenStatus(request.status)) throw new AppError("CONFLICT", "Only a request that is still being worked can be transferred.");
  if (input.expectedVersion !== request.version) throw staleVersion();
  if (input.toDepartmentId === request.departmentId) throw invalid("toDepartmentId", "The request is already with this department. Choose another one.");
  const target = await tx.department.findUnique({ where: { id: input.toDepartmentId }, select: { id: true, key: true, name: true } });
  if (!target) throw invalid("toDepartmentId", "Choose a department from the list.");

  const current = await tx.request.findUniqueOrThrow({
    where: { id: request.id },
    select: {
      number: true,
      title: true,
      typeId: true,
      teamId: true,
      fieldValues: true,
      watchers: { select: { personId: true } },
      type: { select: { name: true, fields: true } },
      department: { select: { key: true, name: true } },
    },
  });
  const type = await receivingType(tx, target.id, input.typeId, current.type.name);
  return { request, target, current, type };
}

async function answers(tx: Tx, definitions: unknown, values: unknown): Promise<{ key: string; label: string; value: string }[]> {
  let fields: FieldDefinition[];
  try {
    fields = parseFieldDefinitions(definitions);
  } catch {
    return [];
  }
  const given = (values ?? {}) as Record<string, unknown>;
  // A co-worker by name and files by name: ids mean nothing to the people reading the event.
  const ids = (kind: "person" | "file") => fields.flatMap((f) => (f.kind === kind ? [given[f.key]].flat().filter((v): v is string => typeof v === "string") : []));
  const [people, files] = await Promise.all([
    tx.person.findMany({ where: { id: { in: ids("person") } }, select: { id: true, name: true } }),
    tx.attachment.findMany({ where: { id: { in: ids("file") } }, select: { id: true, fileName: true } }),
  ]);
  const names = new Map([...people.map((p) => [p.id, p.name] as const), ...files.map((a) => [a.id, a.fileName] as const)]);
  return fields.flatMap((f) => {
    const v = given[f.key];
    if (v === undefined || v === null || v === "") return [];
    const shown = f.kind === "person" || f.kind === "file" ? [v].flat().map((id) => names.get(String(id)) ?? String(id)) : v;
    return [{ key: f.key, label: f.label, value: Array.isArray(shown) ? shown.join(", ") : typeof shown === "boolean" ? (shown ? "Yes" : "No") : String(shown) }];
  });
}

/** The type chosen, else the receiving department's active type of the same name, else its first. */
async function receivingType(tx: Tx, departmentId: string, typeId: string | undefined, currentName: string) {
  const select = { id: true, defaultTeamId: true } as const;
  if (typeId) {
    const chosen = await tx.requestType.findFirst({ where: { id: typeId, departmentId, active: true }, select });
    if (!chosen) throw invalid("typeId", "Choose a request type of the receiving department.");
    return chosen;
  }
  const sameName = await tx.requestType.findFirst({ where: { departmentId, active: true, name: { equals: currentName, mode: "insensitive" } }, select });
  const first = sameName ?? (await tx.requestType.findFirst({ where: { departmentId, active: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select }));
  if (!first) throw invalid("toDepartmentId", "That department offers no request types yet, so it cannot take requests.");
  return first;
}

/** Departments a request can go to, with their active types (the transfer form's selects). */
export async function transferTargets(options: { actor: Actor; departmentId: string }) {
  if (!can(options.actor, "request.transfer", { departmentId: options.departmentId })) return [];
  // Every other department that takes requests, with its active types (one statement, on the request page's path).
  return sql().$queryRaw<{ id: string; name: string; requestTypes: { id: string; name: string }[] }[]>`
    SELECT d.id, d.name,
           json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t."sortOrder", t.name, t.id) AS "requestTypes"
      FROM "Department" d JOIN "RequestType" t ON t."departmentId" = d.id AND t.active
     WHERE d.id <> ${options.departmentId}
     GROUP BY d.id, d.name
     ORDER BY d.name, d.id`;
}
