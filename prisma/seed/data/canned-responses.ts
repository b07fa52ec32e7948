import type { DeptKey } from "./organisation";

type Canned = { title: string; body: string };

/** Every desk starts with these, so the reply box's canned-response picker is there on first start. */
const common: Canned[] = [
  {
    title: "Acknowledge and set expectations",
    body: "Hi {{requester.firstName}},\n\nthanks for {{request.reference}}. We have it and are looking into it; you will hear from us here as soon as there is news.\n\n{{agent.name}}",
  },
  {
    title: "Need more information",
    body: "Hi {{requester.firstName}},\n\nto move {{request.reference}} forward we need a little more from you:\n\n- \n\nAs soon as you reply, we pick it up again.\n\n{{agent.name}}",
  },
  {
    title: "Resolved: please confirm",
    body: "Hi {{requester.firstName}},\n\nwe believe {{request.reference}} is sorted. If anything is still not right, reply here and it reopens.\n\n{{agent.name}}",
  },
];

const own: Partial<Record<DeptKey, Canned[]>> = {
  IT: [
    {
      title: "Password reset done",
      body: "Hi {{requester.firstName}},\n\nyour password was reset. You will be asked to choose a new one at your next sign-in.\n\n{{agent.name}}, IT",
    },
  ],
  FAC: [
    {
      title: "Technician scheduled",
      body: "Hi {{requester.firstName}},\n\na technician will look at {{request.reference}} on the next working day between 9:00 and 12:00. Please make sure the room is accessible.\n\n{{agent.name}}, Facilities",
    },
  ],
};

export function demoCannedResponses(key: DeptKey): Canned[] {
  return [...common, ...(own[key] ?? [])];
}
