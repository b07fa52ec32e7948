import { formatFileSize } from "@/lib/attachments/file-name";
import type { AttachmentSummary } from "@/lib/requests/get-request";
import { cx } from "../../../_components/ui";

const opensInTab = (contentType: string) => contentType.startsWith("image/") || contentType === "application/pdf";

/** Files of a comment or of the request itself, each a permission-checked download link. */
export function AttachmentList({ attachments, className, label = "Attached files", testId = "attachments" }: { attachments: AttachmentSummary[]; className?: string; label?: string; testId?: string }) {
  if (!attachments.length) return null;
  return (
    <ul className={cx("space-y-1 text-sm", className)} aria-label={label} data-testid={testId}>
      {attachments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-baseline gap-x-2">
          <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4 shrink-0 self-center text-slate-500">
            <path d="M13.5 6.5 7.8 12.2a1.5 1.5 0 0 0 2.1 2.1l6-6a3 3 0 0 0-4.2-4.2l-6.2 6.2a4.5 4.5 0 0 0 6.4 6.4l5.1-5.1" strokeLinecap="round" />
          </svg>
          <a
            href={`/api/attachments/${a.id}`}
            className="break-all text-brand-700 underline hover:text-brand-800"
            // Images and PDFs open in a tab of their own; everything else downloads.
            {...(opensInTab(a.contentType) ? { target: "_blank", rel: "noopener" } : {})}
          >
            {a.fileName}
          </a>
          <span className="text-xs text-slate-600">{formatFileSize(a.size)}</span>
        </li>
      ))}
    </ul>
  );
}
