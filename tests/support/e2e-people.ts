// People of the demo organisation (prisma/seed/demo.ts) that the browser tests act as, and the
// corporate IdP's directory: the demo people plus one stranger the desk does not know.
import type { OidcUser } from "./oidc-provider";

export const people = {
  erin: { email: "erin.employee@example.com", name: "Erin Evans" },
  frank: { email: "frank.facilities@example.com", name: "Frank Fischer" },
  ivan: { email: "ivan.it@example.com", name: "Ivan Ito" },
  stranger: { email: "stranger@elsewhere.example", name: "Sam Stranger" },
} as const;

export const e2eUsers: OidcUser[] = [people.erin, people.frank, people.ivan, people.stranger].map((p) => ({ email: p.email, name: p.name }));
