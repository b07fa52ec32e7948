import type { RuleConditions } from "@/lib/validation/automation";

/** What the conditions of a rule read of a request. */
export type RequestFacts = {
  typeId: string;
  priority: string;
  status: string;
  requesterDepartmentId: string;
  teamId: string | null;
  tags: readonly string[];
  fieldValues: unknown;
};

const asText = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(asText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** Every condition given holds (a list condition: the request has one of its values). Pure. */
export function conditionsHold(conditions: RuleConditions, request: RequestFacts): boolean {
  const within = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));
  if (!within(conditions.typeIds, request.typeId)) return false;
  if (!within(conditions.priorities, request.priority)) return false;
  if (!within(conditions.statuses, request.status)) return false;
  if (!within(conditions.requesterDepartmentIds, request.requesterDepartmentId)) return false;
  if (!within(conditions.teamIds, request.teamId)) return false;
  if (conditions.tags.length && !conditions.tags.some((t) => request.tags.includes(t))) return false;
  const values = request.fieldValues && typeof request.fieldValues === "object" ? (request.fieldValues as Record<string, unknown>) : {};
  return conditions.fields.every((f) => asText(values[f.key]).trim().toLowerCase() === f.value.toLowerCase());
}
