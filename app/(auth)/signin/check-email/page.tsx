import { Card } from "../../../_components/ui";

export const metadata = { title: "Check your email" };

export default function CheckEmail() {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-slate-600">We sent you a sign-in link. It works once, for 15 minutes.</p>
    </Card>
  );
}
