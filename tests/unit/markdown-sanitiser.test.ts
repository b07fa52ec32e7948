import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown, sanitizeArticleHtml } from "@/lib/knowledge/render-markdown";

/** Known XSS shapes, as Markdown a writer could type and as HTML that could reach the sanitiser. */
const payloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](http://insecure.example/a.png)",
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '"><img src=x onerror=alert(1)>',
  "<object data=x></object><embed src=x>",
  '<form action="https://evil.example"><input name=x></form>',
  "[x](//evil.example/steal)",
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<td style="color:red;background:url(x)">x</td>',
];

const allowedTags = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td"]);
const allowedAttributes = new Set(["href", "title", "rel", "src", "alt", "style", "start"]);

/**
 * What no rendered article may contain, whatever was written: every tag in the output (text is
 * escaped, so a real tag is the only thing that starts with "<") is on the allow-list with allowed
 * attributes only; links go to https, http, mailto or a path of this desk, images to https or a
 * path of this desk, styles only align text.
 */
function assertSafe(html: string) {
  expect(html).not.toMatch(/<(?![a-z/!])/i);
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect(allowedTags.has(name!.toLowerCase()), tag).toBe(true);
    for (const [, attr, value] of attributes!.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      expect(allowedAttributes.has(attr!.toLowerCase()), tag).toBe(true);
      const v = (value ?? "").replace(/&amp;/g, "&");
      if (attr === "href") expect(v, tag).toMatch(/^(https?:\/\/|mailto:|\/(?!\/)|#)/i);
      // https, or a path on this desk (relative, no scheme, not protocol-relative).
      if (attr === "src") expect(v, tag).toMatch(/^(https:\/\/|(?![a-z][a-z0-9+.-]*:)(?!\/\/)[^\s]*$)/i);
      if (attr === "style") expect(v, tag).toMatch(/^text-align:(left|right|center);?$/);
    }
  }
}

describe("article Markdown is rendered safely", () => {
  it("the check itself catches unsafe HTML", () => {
    for (const bad of ['<img src="x" onerror="alert(1)">', "<script>x</script>", '<a href="javascript:alert(1)">x</a>', '<img src="//evil/x.png">', '<td style="background:url(x)">']) {
      expect(() => assertSafe(bad), bad).toThrow();
    }
  });

  it.each(payloads)("as Markdown: %s", (payload) => {
    assertSafe(renderMarkdown(payload));
    assertSafe(renderMarkdown(`# Title\n\n${payload}\n\n- item ${payload}\n\n| a |\n|---|\n| ${payload} |`));
  });

  it.each(payloads)("as HTML straight into the allow-list: %s", (payload) => {
    assertSafe(sanitizeArticleHtml(payload));
  });

  it("keeps what articles need: headings, emphasis, lists, code, tables, https images, safe links", () => {
    const html = renderMarkdown("## Steps\n\n1. Open **tray 2**\n2. `reset`\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n![printer](https://cdn.example/p.png)\n\n[help](https://help.example) [request](/requests/FAC-1)");
    expect(html).toContain("<h2>Steps</h2>");
    expect(html).toContain("<strong>tray 2</strong>");
    expect(html).toContain("<code>reset</code>");
    expect(html).toContain('<th style="text-align:left">a</th>');
    expect(html).toContain('<img src="https://cdn.example/p.png" alt="printer" />');
    expect(html).toContain('<a href="https://help.example" rel="noopener noreferrer nofollow">help</a>');
    expect(html).toContain('<a href="/requests/FAC-1" rel="noopener noreferrer nofollow">request</a>');
  });

  it("a link to anything but the web, mail, this desk's paths or an anchor keeps its text and loses its href", () => {
    // The property run's counterexample (seed -164172706): "[]($)" made a link to "$".
    for (const source of ["[]($)", "[](\\$)", "[x](page)", "[x](./up)", "[x](data:text/html,hi)", "[x](//evil.example)"]) {
      const html = renderMarkdown(source);
      assertSafe(html);
      expect(html, source).not.toContain("href");
    }
  });

  it("never lets markup through, for any mix of text and hostile fragments (property)", () => {
    const fragment = fc.oneof(fc.constantFrom(...payloads, "<", ">", '"', "'", "](", "[", "![", "javascript:", "`", "\n", "&#x3C;", "on", "error="), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 14 }), (parts) => {
        const source = parts.join("");
        assertSafe(renderMarkdown(source));
        assertSafe(sanitizeArticleHtml(source));
      }),
      { numRuns: 400 },
    );
  });

  it("the plain-text form (reply text) drops the Markdown and keeps what was written as text", () => {
    expect(markdownToText("## Fix\n\n**Restart** the [client](https://x.example) & wait <b>")).toBe("Fix\nRestart the client & wait <b>");
  });
});
