"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isSessionCookie } from "@/lib/auth/session-cookies";

/**
 * Signs out by expiring the JWT session cookie, as next-auth's own sign-out does, from a plain form:
 * every page's header then needs no next-auth client code. A `__Secure-` cookie is only replaced by
 * a secure one, so the expiry keeps the attribute.
 */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (isSessionCookie(name)) jar.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
  redirect("/signin");
}
