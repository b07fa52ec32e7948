import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transport: Transporter | undefined;

export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string; html?: string }): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) throw new Error("SMTP_URL is not set: mail cannot be sent");
  transport ??= nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: MAIL_FROM, ...message });
}
