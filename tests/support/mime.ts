import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import crypto from "node:crypto";

/** A real MIME message, as a mail client would send it (nodemailer's composer). */
export async function mime(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ messageId: `<${crypto.randomUUID()}@client.test>`, date: new Date(), ...options }).compile().build();
}

/** A hand-written message (for charsets and broken headers), with CRLF line ends. */
export const rawMail = (text: string) => Buffer.from(text.replace(/\r?\n/g, "\r\n"), "latin1");
