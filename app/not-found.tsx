import Link from "@/app/_components/link";
import { Card } from "./_components/ui";

export default function NotFound() {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-brand-700 underline">Back to the desk</Link>
    </Card>
  );
}
