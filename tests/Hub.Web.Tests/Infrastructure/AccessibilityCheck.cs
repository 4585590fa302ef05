using Microsoft.Playwright;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// An axe-style check run in the page (no network, no third-party script): every form control has a label, every image
/// an alt text, every link and button a name; one main landmark plus banner and navigation; a language and a title;
/// an h1; no duplicate ids; and WCAG AA contrast (4.5:1, 3:1 for large text) for every visible text against its
/// effective background. Each finding is a critical violation.
/// </summary>
public static class AccessibilityCheck
{
    private const string Script = """
        () => {
          const problems = [];
          const visible = (el) => {
            const s = getComputedStyle(el);
            if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
            const r = el.getBoundingClientRect();
            return r.width > 1 && r.height > 1;
          };
          const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
          const nameOf = (el) => {
            if (el.getAttribute('aria-label')?.trim()) return el.getAttribute('aria-label').trim();
            const by = el.getAttribute('aria-labelledby');
            if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
            if (el.id) { const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`); if (label?.textContent.trim()) return label.textContent.trim(); }
            const wrapping = el.closest('label');
            if (wrapping?.textContent.trim()) return wrapping.textContent.trim();
            return (el.getAttribute('title') || '').trim();
          };
          if (!document.documentElement.lang) problems.push('html has no lang');
          if (!document.title.trim()) problems.push('the page has no title');
          if (document.querySelectorAll('main').length !== 1) problems.push('expected exactly one main landmark');
          if (!document.querySelector('header, [role=banner]')) problems.push('no banner landmark');
          if (!document.querySelector('nav, [role=navigation]')) problems.push('no navigation landmark');
          if (!document.querySelector('h1')) problems.push('no h1');
          const ids = new Map();
          for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
          for (const [id, n] of ids) if (n > 1) problems.push(`duplicate id "${id}" (${n} times)`);
          for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src);
          for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
            if (['submit', 'button', 'reset'].includes(el.type)) continue;
            if (!nameOf(el)) problems.push('form control without label: ' + describe(el));
          }
          for (const el of document.querySelectorAll('a[href], button, summary')) {
            if (!visible(el)) continue;
            const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim()
              || [...el.querySelectorAll('img[alt]')].map((i) => i.alt).join('').trim();
            if (!text) problems.push('link or button without a name: ' + el.outerHTML.slice(0, 120));
          }
          const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          const blend = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const background = (el) => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            let color = { r: 255, g: 255, b: 255, a: 1 };
            const root = parse(getComputedStyle(document.body).backgroundColor);
            if (root && root.a >= 1) color = root;
            for (let i = layers.length - 1; i >= 0; i--) color = blend(layers[i], color);
            return color;
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const checked = new Set();
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || checked.has(el) || !node.textContent.trim() || !visible(el)) continue;
            if (el.closest('.visually-hidden, [aria-hidden=true], option')) continue;
            checked.add(el);
            const style = getComputedStyle(el);
            const fg = parse(style.color);
            if (!fg) continue;
            const bg = background(el);
            const fore = blend(fg, bg);
            const [l1, l2] = [lum(fore), lum(bg)].sort((a, b) => b - a);
            const ratio = (l1 + 0.05) / (l2 + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const needed = large ? 3 : 4.5;
            if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${describe(el)} (${style.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))`);
          }
          return problems;
        }
        """;

    public static async Task<IReadOnlyList<string>> RunAsync(IPage page) => await page.EvaluateAsync<string[]>(Script);

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var problems = await RunAsync(page);
        Assert.True(problems.Count == 0, $"Accessibility violations on {what}:\n" + string.Join("\n", problems));
    }
}
