import type { Status } from "@/lib/validation/requests";

/**
 * The statuses of a request still being worked: in a queue's backlog, cancellable by its requester,
 * transferable, counted as open in every report. RESOLVED and CLOSED are the others. Pure (no
 * runtime imports), so lib/sla may use it too.
 */
export const openStatuses = ["NEW", "OPEN", "WAITING_ON_REQUESTER"] as const satisfies readonly Status[];
export type OpenStatus = (typeof openStatuses)[number];

export const isOpenStatus = (status: string): status is OpenStatus => (openStatuses as readonly string[]).includes(status);

/** The open statuses as an SQL list of literals, for `"status" IN (${Prisma.raw(openStatusesSql)})`. */
export const openStatusesSql = openStatuses.map((s) => `'${s}'`).join(", ");
