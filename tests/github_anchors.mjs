// The anchors GitHub gives a README, and the in-page links it holds, computed with GitHub's own
// slugger (github-slugger) over a CommonMark lexer (markdown-it, raw HTML on, as on GitHub; with
// :shortcode: emoji, which GitHub shows as the emoji, so a heading's id loses them).
// Reads {"name": "markdown", ...} as JSON on stdin; writes {"name": {...}, ...} as JSON on stdout:
//   headings: [{id, text, line}]  each Markdown heading's id, -1, -2... for repeats, in order
//   raw_ids:  [id]                ids GitHub keeps from raw HTML: <hN> headings, id= and name=
//   links:    [{href, line}]      Markdown links whose target starts with "#"
//   raw_links: [{href, line}]     <a href="#..."> written in raw HTML
// Run by tests/npmcorpus.py from the folder its packages are installed in, never by hand.
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import { full as emoji } from "markdown-it-emoji";

const md = new MarkdownIt({ html: true, linkify: true }).use(emoji);
const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
const HTML_ANCHOR = /<[a-z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)/gi;
const HTML_LINK = /<a\b[^>]*?\shref\s*=\s*["'](#[^"']*)["']/gi;

// The text of a heading as a browser shows it (GitHub slugs the rendered text): images and
// raw HTML tags give nothing, code and entities their characters.
function inlineText(children) {
  let text = "";
  for (const token of children ?? []) {
    if (["text", "code_inline", "emoji"].includes(token.type)) text += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") text += "\n";
  }
  return text;
}

function htmlText(html) {
  return md.utils.unescapeAll(html.replace(/<[^>]*>/g, ""));
}

function anchors(source) {
  const slugger = new GithubSlugger();
  const result = { headings: [], raw_ids: [], links: [], raw_links: [] };
  const tokens = md.parse(source, {});
  const line = (token) => (token.map ? token.map[0] + 1 : null);
  // Inline tokens of table cells have no map: the first line that holds the link's target.
  const lines = source.split("\n");
  const lineOf = (href) => lines.findIndex((text) => text.includes(href)) + 1 || null;
  const rawHtml = (html, at) => {
    for (const match of html.matchAll(HTML_HEADING)) {
      result.raw_ids.push(slugger.slug(htmlText(match[2])));
    }
    for (const match of html.matchAll(HTML_ANCHOR)) result.raw_ids.push(match[1]);
    for (const match of html.matchAll(HTML_LINK)) result.raw_links.push({ href: match[1], line: at });
  };
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") {
      const text = inlineText(tokens[index + 1].children);
      result.headings.push({ id: slugger.slug(text), text, line: line(token) });
    } else if (token.type === "html_block") {
      rawHtml(token.content, line(token));
    } else if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "link_open" && (child.attrGet("href") ?? "").startsWith("#")) {
          const href = child.attrGet("href");
          result.links.push({ href, line: line(token) ?? lineOf(href) });
        } else if (child.type === "html_inline") {
          rawHtml(child.content, line(token));
        }
      }
    }
  });
  return result;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const output = {};
for (const [name, source] of Object.entries(JSON.parse(input))) output[name] = anchors(source);
process.stdout.write(JSON.stringify(output));
