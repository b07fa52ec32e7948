// The demo's inbound mail: every department has an address (facilities@desk.example, …) filing a
// field-less "Email" request type, so a newcomer can try mail at /admin/email with no mail server.
// Its ids are not drawn from the seed's random streams, so the rest of the demo stays as it was.
import crypto from "node:crypto";
import type { Prisma } from "../../lib/generated/prisma/client";

export const DEMO_MAIL_DOMAIN = "desk.example";

/** `Facilities` → `facilities@desk.example`, `Data & Analytics` → `data-analytics@desk.example`. */
export const demoInboundAddress = (departmentName: string) =>
  `${departmentName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}@${DEMO_MAIL_DOMAIN}`;

export async function seedInboundEmail(tx: Prisma.TransactionClient, options: { departments: { id: string; name: string }[]; createdAt: Date }) {
  for (const department of options.departments) {
    const address = demoInboundAddress(department.name);
    const typeId = crypto.randomUUID();
    await tx.requestType.create({
      data: {
        id: typeId,
        departmentId: department.id,
        slug: "email",
        name: "Email",
        description: `Requests written to ${address}: the subject is the title, the email the description, its files attached. Nothing else to fill in.`,
        fields: [],
        sortOrder: 100,
        createdAt: options.createdAt,
      },
    });
    await tx.inboundAddress.create({ data: { address, departmentId: department.id, typeId } });
  }
}
