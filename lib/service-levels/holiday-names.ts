/**
 * Holiday names live beside the calendar's dates in its stored definition ({ holidayNames: { date: name } }):
 * the SLA arithmetic reads only the dates. Anything unreadable there reads as no names.
 */
export function holidayNamesOf(definition: unknown): Map<string, string> {
  const raw = definition && typeof definition === "object" ? (definition as { holidayNames?: unknown }).holidayNames : undefined;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return new Map();
  return new Map(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

