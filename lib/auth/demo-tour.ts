/**
 * The demo organisation's good people to start with (the README's table): the sign-in picker shows
 * them first, each with what to look at, above the ~400 others. Keyed by email, as seeded in
 * prisma/seed/data/organisation.ts.
 */
export const demoTour: { email: string; why: string }[] = [
  { email: "erin.employee@example.com", why: "Employee: files requests, rates the resolved ones" },
  { email: "frank.facilities@example.com", why: "Agent: works the Facilities queue" },
  { email: "fiona.head@example.com", why: "Head of Facilities: reports, experience, follow-ups" },
  { email: "ivan.it@example.com", why: "Agent of IT: the biggest queue, knowledge, problems" },
  { email: "hana.hr@example.com", why: "HR: organisation heat map, morale, pulse surveys" },
  { email: "ada.admin@example.com", why: "Admin: departments, people, roles, mail" },
];
