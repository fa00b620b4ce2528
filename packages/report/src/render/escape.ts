const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Makes JavaScript source safe to place inside a `<script>` element. The HTML parser
 * ends the element at the first `</script` and treats `<!--` specially, whatever the
 * JavaScript around them. A backslash before `/` or `!` keeps both sequences out of
 * the HTML while meaning the same inside JavaScript strings, templates and regular
 * expressions, which is where minified libraries contain them.
 */
export function escapeInlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * Serialises a value as JSON for a `<script type="application/json">` element. Every
 * `<` becomes `\u003c`, so neither `</script` nor `<!--` can occur, and the line and
 * paragraph separators are escaped for older JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
