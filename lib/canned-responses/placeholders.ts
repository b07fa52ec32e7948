/** The values a canned response's placeholders stand for. */
export type PlaceholderValues = { requesterName: string; reference: string; agentName: string };

/** The first word of a name: "Erin" for "Erin Evans". */
export const firstNameOf = (name: string) => name.trim().split(/\s+/)[0] ?? "";

/**
 * Fills in {{requester.name}}, {{requester.firstName}}, {{request.reference}} and {{agent.name}}
 * (spaces inside the braces allowed); any other {{...}} is left as written for the agent to see.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const byName: Record<string, string> = {
    "requester.name": values.requesterName,
    "requester.firstName": firstNameOf(values.requesterName),
    "request.reference": values.reference,
    "agent.name": values.agentName,
  };
  return body.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/g, (whole, name: string) => byName[name] ?? whole);
}
