// Small progressive enhancements for the server-rendered pages; everything works without them. Event delegation keeps
// them working after Blazor's enhanced navigation swaps the page content.

document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const state = button.querySelector('.copy-state');
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    if (state) state.textContent = 'Copied';
  } catch {
    if (state) state.textContent = 'Copy failed';
  }
  setTimeout(() => { if (state) state.textContent = ''; }, 2000);
});

document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-autosubmit]')) event.target.form.requestSubmit();
});

// Search as you type: fetch the list page for the new query and swap its results in, keeping focus in the box.
let searchTimer = 0;
let searchController = null;
document.addEventListener('input', (event) => {
  const form = event.target.closest('form[data-live-search]');
  if (!form || event.target.type !== 'search') return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const url = new URL(form.action, location.href);
    for (const [k, v] of new FormData(form)) if (v) url.searchParams.set(k, v);
    searchController?.abort();
    searchController = new AbortController();
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' }, signal: searchController.signal });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      // The results and everything built from the search (facet counts and links, filter chips) are swapped together:
      // links rendered for the old search would drop what was typed.
      let swapped = false;
      for (const selector of form.dataset.liveSearch.split(',').map((s) => s.trim())) {
        const target = document.querySelector(selector);
        const fresh = page.querySelector(selector);
        if (target && fresh) { target.innerHTML = fresh.innerHTML; swapped = true; }
      }
      if (swapped) history.replaceState(history.state, '', url);
    } catch (e) {
      if (e.name !== 'AbortError') form.requestSubmit();
    }
  }, 250);
});

// In-page links of rendered Markdown (a card's table of contents, footnotes) point at #name; the renderer prefixes ids
// with user-content- so a card cannot clobber the page's own ids (as GitHub does).
function contentTarget(hash) {
  if (!hash || hash.length < 2) return null;
  let name = hash.slice(1);
  try { name = decodeURIComponent(name); } catch { /* keep it raw */ }
  return document.getElementById(name) ? null : document.getElementById('user-content-' + name);
}

// Captured before Blazor's enhanced navigation sees the click: with <base href="/"> a bare #name resolves to /#name,
// which it would follow to the home page.
document.addEventListener('click', (event) => {
  const link = event.target.closest('.markdown a[href^="#"]');
  const target = link && contentTarget(link.getAttribute('href'));
  if (!target) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  history.pushState(history.state, '', location.pathname + location.search + link.getAttribute('href'));
  target.scrollIntoView();
}, true);

function enhance() {
  contentTarget(location.hash)?.scrollIntoView();
  document.documentElement.classList.add('js');
  if (matchMedia('(max-width: 800px)').matches) {
    for (const details of document.querySelectorAll('details[data-collapse-narrow]')) details.open = false;
  }
  document.querySelector('.tabs [aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  if (document.querySelector('[data-widget]')) import('./widget.js').then((m) => m.init());
}

enhance();
if (window.Blazor?.addEventListener) window.Blazor.addEventListener('enhancedload', enhance);
else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', enhance));
