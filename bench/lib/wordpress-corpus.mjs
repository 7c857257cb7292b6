/**
 * Deterministic WordPress-shaped bodies for the real-content suite, so it runs from a clone
 * alone (the shared real bodies, `../shared/realworld/bodies`, are not part of the project).
 *
 * The shapes are those found in real WordPress exports (theme unit test data, a demo site):
 * classic-editor posts (paragraphs separated by blank lines, no `<p>`, `&nbsp;` lines) and
 * block-editor posts (`<!-- wp:paragraph -->` comments around `<p>`, `<h2>`, lists, tables,
 * `<figure>` images, galleries, code), with `<pre>` code, `<table>`, `<ul>`/`<ol>`,
 * `[caption]` in both syntaxes, `[gallery]`, `[code]`/`[sourcecode]` shortcodes, inline
 * `<strong>`/`<em>`/`<a>`/`<code>`/`<del>`/`<abbr>`, `<blockquote>` with `<cite>`, footnote
 * links `[1]`, and oEmbed URLs on a line of their own. English prose with entities and
 * typographic quotes; no text is copied from those exports.
 *
 * Body i depends only on (seed, i): `generateWordPressBody(seed, i)` → `{ id, body }`.
 */
import { createRandom, mixSeed } from "./prng.mjs";

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const WORDPRESS_GENERATOR_VERSION = 1;

const WORDS = (
  "the a of and to in is it that for on with as was at by this from be are have an not or which " +
  "theme layout post page comment image gallery caption block editor widget plugin menu sidebar header footer " +
  "content archive category tag author date title excerpt featured media upload attachment thumbnail column " +
  "test check support browser mobile screen reader accessible heading paragraph list table quote code markup " +
  "should must will may can render display wrap break align center left right width height style font color"
).split(" ");
const NAMES = ["Jane Doe", "John Smith", "Fred Bloggs", "Ada Lovelace", "Grace Hopper", "Steve", "Matt", "Mika"];
const LANGS = ["php", "js", "css", "html", "bash", "python"];
const HOSTS = ["www.youtube.com/watch?v=", "vimeo.com/", "twitter.com/wordpress/status/", "www.flickr.com/photos/example/", "soundcloud.com/example/"];

function words(rnd, min, max) {
  const n = rnd.range(min, max);
  const out = [];
  for (let i = 0; i < n; i++) out.push(rnd.pick(WORDS));
  return out;
}

/** One sentence: capitalised, with the odd typographic quote, entity or apostrophe. */
function sentence(rnd) {
  const w = words(rnd, 6, 18);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  const r = rnd.next();
  if (r < 0.08) w.splice(rnd.int(w.length), 0, `&#8220;${rnd.pick(WORDS)}&#8221;`);
  else if (r < 0.14) w.splice(rnd.int(w.length), 0, `“${rnd.pick(WORDS)} ${rnd.pick(WORDS)}”`);
  else if (r < 0.2) w.splice(rnd.int(w.length), 0, `it&#8217;s`);
  else if (r < 0.24) w.splice(rnd.int(w.length), 0, "&amp;");
  else if (r < 0.28) w.splice(rnd.int(w.length), 0, "don't");
  return w.join(" ") + rnd.pick([".", ".", ".", "?", "!"]);
}

const url = (rnd, path = "") => `http://example.${rnd.pick(["org", "com"])}/${path || words(rnd, 1, 3).join("-")}/`;

/** Inline markup inside a paragraph, as the editors leave it. */
function inline(rnd, text) {
  const r = rnd.next();
  const w = rnd.pick(WORDS);
  if (r < 0.1) return `${text} <strong>${w} ${rnd.pick(WORDS)}</strong>`;
  if (r < 0.18) return `${text} <em>${w}</em>`;
  if (r < 0.3) return `${text} <a href="${url(rnd)}">${w} ${rnd.pick(WORDS)}</a>`;
  if (r < 0.35) return `${text} <code>${w}()</code>`;
  if (r < 0.38) return `${text} <del>${w}</del> <ins>${rnd.pick(WORDS)}</ins>`;
  if (r < 0.4) return `${text} <abbr title="${w}">${w.slice(0, 3).toUpperCase()}</abbr>`;
  if (r < 0.43) return `${text}<sup><a href="#fn${rnd.range(1, 4)}">[${rnd.range(1, 4)}]</a></sup>`;
  return text;
}

function paragraphText(rnd) {
  const n = rnd.range(1, 4);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(inline(rnd, sentence(rnd)));
  return parts.join(" ");
}

function imageUrl(rnd, id) {
  return `http://example.org/wp-content/uploads/${rnd.range(2008, 2024)}/${String(rnd.range(1, 12)).padStart(2, "0")}/image-${id}-${rnd.pick(["150x150", "300x200", "1024x768"])}.jpg`;
}

function codeLines(rnd) {
  const lines = [];
  for (let i = rnd.range(2, 9); i > 0; i--) {
    const r = rnd.next();
    if (r < 0.3) lines.push(`$${rnd.pick(WORDS)} = get_${rnd.pick(WORDS)}( $post-&gt;ID );`);
    else if (r < 0.5) lines.push(`if ( ${rnd.pick(WORDS)} &lt; ${rnd.range(1, 99)} &amp;&amp; ! empty( $args['${rnd.pick(WORDS)}'] ) ) {`);
    else if (r < 0.65) lines.push(`\techo '&lt;div class="${rnd.pick(WORDS)}"&gt;[${rnd.pick(WORDS)}]&lt;/div&gt;';`);
    else if (r < 0.75) lines.push("}");
    else if (r < 0.85) lines.push("");
    else lines.push(`// ${words(rnd, 2, 6).join(" ")}`);
  }
  return lines.join("\n");
}

function table(rnd) {
  const cols = rnd.range(2, 4);
  const rows = rnd.range(2, 6);
  const out = ["<table>", "<thead>", "<tr>"];
  for (let c = 0; c < cols; c++) out.push(`<th>${rnd.pick(WORDS)}</th>`);
  out.push("</tr>", "</thead>", "<tbody>");
  for (let r = 0; r < rows; r++) {
    out.push("<tr>");
    for (let c = 0; c < cols; c++)
      out.push(c === 0 && rnd.chance(0.3) ? `<td><a href="${url(rnd)}">${rnd.pick(NAMES)}</a></td>` : `<td>${words(rnd, 1, 5).join(" ")}</td>`);
    out.push("</tr>");
  }
  out.push("</tbody>", "</table>");
  return out.join("\n");
}

function list(rnd, ordered, indent = "\t") {
  const tag = ordered ? "ol" : "ul";
  const items = [];
  for (let i = rnd.range(2, 6); i > 0; i--) items.push(`${indent}<li>${inline(rnd, words(rnd, 2, 10).join(" "))}</li>`);
  return `<${tag}>\n${items.join("\n")}\n</${tag}>`;
}

function oembed(rnd) {
  return `https://${rnd.pick(HOSTS)}${rnd.hex(11)}`;
}

/** A classic-editor post: wpautop paragraphs, shortcodes, raw HTML blocks. */
function classicBlock(rnd, id) {
  const r = rnd.next();
  if (r < 0.45) return paragraphText(rnd);
  if (r < 0.52) {
    const level = rnd.range(2, 4);
    return `<h${level}>${words(rnd, 2, 5).join(" ")}</h${level}>`;
  }
  if (r < 0.58) return list(rnd, rnd.chance(0.3));
  if (r < 0.62) return `<pre>${codeLines(rnd)}</pre>`;
  if (r < 0.66) {
    // SyntaxHighlighter's shortcodes hold the code as typed: raw `<`, `&`, `[`.
    const tag = rnd.pick(["code", "sourcecode"]);
    const code = codeLines(rnd).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return `[${tag} language="${rnd.pick(LANGS)}"]\n${code}\n[/${tag}]`;
  }
  if (r < 0.7) return table(rnd);
  if (r < 0.75) {
    const img = rnd.range(100, 9999);
    const text = sentence(rnd);
    return rnd.chance(0.5)
      ? `[caption id="attachment_${img}" align="align${rnd.pick(["none", "center", "left", "right"])}" width="${rnd.pick([150, 300, 640])}"]<a href="${imageUrl(rnd, img)}"><img class="size-medium wp-image-${img}" src="${imageUrl(rnd, img)}" alt="${rnd.pick(WORDS)}" width="300" height="200" /></a> ${text}[/caption]`
      : `[caption id="attachment_${img}" align="alignnone" width="300" caption="${text.replace(/"/g, "&quot;")}"]<img src="${imageUrl(rnd, img)}" alt="" width="300" height="200" />[/caption]`;
  }
  if (r < 0.78) {
    const ids = [];
    for (let i = rnd.range(2, 9); i > 0; i--) ids.push(rnd.range(100, 9999));
    return rnd.chance(0.5) ? `[gallery ids="${ids.join(",")}"]` : `[gallery columns="${rnd.range(2, 5)}" link="file" ids="${ids.join(",")}"]`;
  }
  if (r < 0.83) return oembed(rnd);
  if (r < 0.88) return `<blockquote>${sentence(rnd)} ${sentence(rnd)}${rnd.chance(0.5) ? ` <cite>${rnd.pick(NAMES)}</cite>` : ""}</blockquote>`;
  if (r < 0.91) return "&nbsp;";
  if (r < 0.94)
    return `<img class="alignright size-thumbnail wp-image-${id}" src="${imageUrl(rnd, id)}" alt="${rnd.pick(WORDS)}" width="150" height="150" />${paragraphText(rnd)}`;
  return `${paragraphText(rnd)}\n${paragraphText(rnd)}`; // one newline: a <br> under wpautop
}

/** A block-editor post: each block wrapped in its `<!-- wp:… -->` comment. */
function gutenbergBlock(rnd, id) {
  const r = rnd.next();
  if (r < 0.45) return `<!-- wp:paragraph -->\n<p>${paragraphText(rnd)}</p>\n<!-- /wp:paragraph -->`;
  if (r < 0.53) {
    const level = rnd.range(2, 4);
    return `<!-- wp:heading${level === 2 ? "" : ` {"level":${level}}`} -->\n<h${level} class="wp-block-heading">${words(rnd, 2, 6).join(" ")}</h${level}>\n<!-- /wp:heading -->`;
  }
  if (r < 0.6) {
    const ordered = rnd.chance(0.3);
    return `<!-- wp:list${ordered ? ' {"ordered":true}' : ""} -->\n${list(rnd, ordered, "")}\n<!-- /wp:list -->`;
  }
  if (r < 0.65) return `<!-- wp:code -->\n<pre class="wp-block-code"><code>${codeLines(rnd)}</code></pre>\n<!-- /wp:code -->`;
  if (r < 0.69) return `<!-- wp:table -->\n<figure class="wp-block-table">${table(rnd)}</figure>\n<!-- /wp:table -->`;
  if (r < 0.76) {
    const img = rnd.range(100, 9999);
    return `<!-- wp:image {"id":${img},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${imageUrl(rnd, img)}" alt="${words(rnd, 1, 4).join(" ")}" class="wp-image-${img}"/><figcaption>${sentence(rnd)}</figcaption></figure>\n<!-- /wp:image -->`;
  }
  if (r < 0.8) {
    const items = [];
    for (let i = rnd.range(2, 5); i > 0; i--) {
      const img = rnd.range(100, 9999);
      items.push(`<li class="blocks-gallery-item"><figure><img src="${imageUrl(rnd, img)}" alt="" data-id="${img}" class="wp-image-${img}"/></figure></li>`);
    }
    return `<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery columns-3"><ul class="blocks-gallery-grid">${items.join("")}</ul></figure>\n<!-- /wp:gallery -->`;
  }
  if (r < 0.85) {
    const link = oembed(rnd);
    return `<!-- wp:embed {"url":"${link}","type":"rich"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${link}\n</div></figure>\n<!-- /wp:embed -->`;
  }
  if (r < 0.9)
    return `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(rnd)}</p><cite>${rnd.pick(NAMES)}</cite></blockquote>\n<!-- /wp:quote -->`;
  if (r < 0.93) return `<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->`;
  if (r < 0.96) return `<!-- wp:shortcode -->\n[gallery ids="${rnd.range(100, 999)},${rnd.range(100, 999)}"]\n<!-- /wp:shortcode -->`;
  return `<!-- wp:preformatted -->\n<pre class="wp-block-preformatted">${codeLines(rnd)}</pre>\n<!-- /wp:preformatted -->`;
}

/**
 * Body `index` for `seed`: `{ id, body }`, about 1–12 KB (median ~3 KB), a third block-editor
 * posts, the rest classic.
 */
export function generateWordPressBody(seed, index) {
  const rnd = createRandom(mixSeed(seed ^ 0x5750, index));
  const id = `wp-${String(index).padStart(6, "0")}`;
  const gutenberg = rnd.chance(0.35);
  const blocks = [];
  const count = rnd.chance(0.15) ? rnd.range(20, 45) : rnd.range(4, 16);
  for (let i = 0; i < count; i++) blocks.push(gutenberg ? gutenbergBlock(rnd, index) : classicBlock(rnd, index));
  if (!gutenberg && rnd.chance(0.1)) {
    blocks.push(`<ol class="footnotes">\n<li id="fn1">${sentence(rnd)} <a href="#ref1">&#8617;</a></li>\n</ol>`);
  }
  return { id, body: blocks.join(gutenberg ? "\n\n" : rnd.chance(0.8) ? "\n\n" : "\n") };
}
