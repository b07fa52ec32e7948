import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Articles are written in Markdown and shown as HTML. markdown-it runs with raw HTML off (any tag in
 * the source is shown as text), and its output then passes an allow-list sanitiser: only these
 * elements and attributes survive, links only to http(s), mailto and paths of this desk, images only
 * from this desk's paths or https. Both layers must fail for a script to reach a reader.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const allowedTags = [
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del",
  "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
];

const linkTarget = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: { a: ["href", "title"], img: ["src", "alt", "title"], th: ["style"], td: ["style"], ol: ["start"] },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // A link goes out (http, https, mailto), to a path of this desk or to an anchor; anything else
    // ("$", "page", a bare word Markdown took for a URL) resolves against whatever page shows the
    // article, so it loses its href and stays as text.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const kept: sanitizeHtml.Attributes = href !== undefined && linkTarget.test(href) ? { href } : {};
      return { tagName, attribs: { ...rest, ...kept, rel: "noopener noreferrer nofollow" } };
    },
  },
};
// `rel` is added by the transform, after the allow-list check of the source's attributes.
sanitizeOptions.allowedAttributes = { ...(sanitizeOptions.allowedAttributes as Record<string, string[]>), a: ["href", "title", "rel"] };

/** Markdown to HTML safe to put in a page with dangerouslySetInnerHTML. */
export function renderMarkdown(source: string): string {
  return sanitizeArticleHtml(markdown.render(source));
}

/** The allow-list on its own (exported for the property tests, which feed it hostile HTML directly). */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** The article as plain text (suggestion snippets, reply text, email): no markup at all. */
export function markdownToText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
