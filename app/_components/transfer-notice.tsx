import Link from "@/app/_components/link";
import type { TransferOutcome } from "@/lib/requests/transfer-outcome";

/** The confirmation after a transfer, with a link to where the request went. */
export function TransferNotice({ outcome }: { outcome: TransferOutcome | null }) {
  if (!outcome) return null;
  return (
    <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="transfer-notice">
      Transferred: {outcome.from} is now{" "}
      {outcome.visible ? (
        <Link href={`/requests/${outcome.to}`} className="font-semibold underline">{outcome.to}</Link>
      ) : (
        <span className="font-semibold">{outcome.to}</span>
      )}{" "}
      with{" "}
      <Link href={`/catalog/${outcome.department.key}`} className="font-semibold underline">{outcome.department.name}</Link>.
      {outcome.visible ? null : " It has left your queue; the requester and its followers were told."}
    </p>
  );
}
