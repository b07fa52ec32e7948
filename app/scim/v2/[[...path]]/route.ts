import { handleScim } from "@/lib/scim/handle-scim";

/** SCIM 2.0 provisioning (lib/scim): Okta, Entra ID and other identity providers keep people and departments in step. */
async function handler(request: Request, context: { params: Promise<{ path?: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  return handleScim(request, path ?? []);
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
