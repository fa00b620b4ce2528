import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeInlineScript, jsonForScript } from '../../src/render/escape.js';

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});

describe('escapeInlineScript', () => {
  it('breaks a closing script tag in any case', () => {
    expect(escapeInlineScript('s = "</script></SCRIPT>"')).toBe('s = "<\\/script><\\/SCRIPT>"');
  });

  it('breaks an HTML comment opener', () => {
    expect(escapeInlineScript('s = "<!--"')).toBe('s = "<\\!--"');
  });

  it('keeps the meaning of the escaped string', () => {
    const source = 'globalThis.escaped = "</script> <!-- end";';
    const run = new Function(escapeInlineScript(source));
    run();
    expect((globalThis as { escaped?: string }).escaped).toBe('</script> <!-- end');
  });
});

describe('jsonForScript', () => {
  it('leaves no angle bracket', () => {
    expect(jsonForScript({ text: '</script><!--' })).not.toContain('<');
  });

  it('parses back to the same value', () => {
    const value = { text: '</script> <!-- \u2028 & done', n: -1.5 };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
  });
});
