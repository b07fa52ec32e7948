import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { inboundAddressSettings } from "@/lib/email/manage-inbound-addresses";
import { AppError } from "@/lib/errors";
import { Card, PageHeader, cx } from "../../../../_components/ui";
import { AddInboundAddressForm, ToggleInboundAddress } from "./address-forms";

export const metadata = { title: "Email addresses" };

export default async function InboundAddressesPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const { department, addresses, types } = await inboundAddressSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={`${department.name} email addresses`}
        subtitle="Mail from a co-worker to one of these addresses files a request of its type: the subject becomes the title, the text the description, attachments are checked like uploads. Replies to the desk's mail land on their request by themselves."
      />
      <div className="space-y-6">
        <Card aria-labelledby="addresses-heading">
          <h2 id="addresses-heading" className="mb-3 text-lg font-semibold">Addresses</h2>
          {addresses.length === 0 ? <p className="text-sm text-slate-600">None yet: requests to {department.name} come only through the catalogue.</p> : null}
          <ul className="divide-y divide-slate-100" data-testid="inbound-addresses">
            {addresses.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <p className="break-all font-mono text-sm">{a.address}</p>
                  <p className="text-xs text-slate-600">
                    files “{a.type.name}” ·{" "}
                    <span className={cx("font-medium", a.active ? "text-emerald-700" : "text-slate-500")}>{a.active ? "on" : "off: mail to it is refused"}</span>
                  </p>
                </div>
                <ToggleInboundAddress department={department.key} id={a.id} address={a.address} active={a.active} />
              </li>
            ))}
          </ul>
        </Card>
        <Card aria-labelledby="new-address-heading">
          <h2 id="new-address-heading" className="mb-1 text-lg font-semibold">New address</h2>
          <p className="mb-3 text-sm text-slate-600">
            Have your mail administrator deliver this address to the desk&apos;s mailbox (see the README). The type must have no required fields, since an email cannot fill them in.
          </p>
          <AddInboundAddressForm department={department.key} departmentId={department.id} types={types} />
        </Card>
      </div>
    </>
  );
}
