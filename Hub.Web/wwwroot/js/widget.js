// The inference widget: sends the form to the hub's task API (POST /models/{id}, hf-api.md §3.1) with the browser's
// session and shows the answer with its latency. A hub without hosted inference answers 404/501: the widget says so.

export function init() {
  for (const root of document.querySelectorAll('[data-widget]:not([data-ready])')) {
    root.dataset.ready = 'true';
    const form = root.querySelector('form');
    if (form) form.addEventListener('submit', (e) => { e.preventDefault(); run(root, form); });
  }
}

async function run(root, form) {
  const output = root.querySelector('.widget-output');
  const task = root.dataset.task;
  const button = form.querySelector('button');
  button.disabled = true;
  output.replaceChildren(text('p', 'Computing…', 'muted'));
  const data = new FormData(form);
  let url = `/models/${root.dataset.repo}`;
  let init;
  if (task === 'sentence-similarity') {
    url += '/pipeline/sentence-similarity';
    const sentences = String(data.get('sentences')).split('\n').map((s) => s.trim()).filter(Boolean);
    init = json({ inputs: { source_sentence: String(data.get('source')), sentences } });
  } else if (task === 'image-classification') {
    const file = data.get('image');
    init = { method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file };
  } else if (task === 'zero-shot-classification') {
    init = json({ inputs: String(data.get('text')), parameters: { candidate_labels: String(data.get('labels')).split(',').map((s) => s.trim()).filter(Boolean) } });
  } else {
    init = json({ inputs: String(data.get('text')) });
  }
  const started = performance.now();
  try {
    const response = await fetch(url, { credentials: 'same-origin', ...init });
    const elapsed = Math.round(performance.now() - started);
    if ([404, 405, 501].includes(response.status)) {
      output.replaceChildren(alert(`Hosted inference is not available for this model on this hub (${response.status}).`));
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reason = body.error || response.headers.get('X-Error-Message') || response.statusText;
      output.replaceChildren(alert(`The hub answered ${response.status}: ${reason}`));
      return;
    }
    output.replaceChildren(render(task, body, String(data.get('text') || '')), text('p', `Computed in ${elapsed} ms`, 'muted small widget-latency'));
  } catch (e) {
    output.replaceChildren(alert(`The request failed: ${e.message || e}`));
  } finally {
    button.disabled = false;
  }
}

// Errors are announced at once (role=alert) and say what the hub answered.
function alert(message) {
  const p = text('p', message, 'notice notice-error');
  p.setAttribute('role', 'alert');
  return p;
}

function json(body) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function render(task, body, input) {
  if (task === 'sentence-similarity') {
    const sentences = [...document.querySelector('#widget-sentences').value.split('\n').map((s) => s.trim()).filter(Boolean)];
    return bars(body.map((score, i) => ({ label: sentences[i] ?? `#${i + 1}`, score })));
  }
  if (task === 'token-classification') return spans(input, body);
  if (task === 'fill-mask') return bars(body.map((r) => ({ label: r.token_str, score: r.score })));
  const list = Array.isArray(body[0]) ? body[0] : body;
  return bars(list.map((r) => ({ label: r.label, score: r.score })));
}

function bars(rows) {
  const list = document.createElement('ul');
  list.className = 'score-bars';
  for (const { label, score } of rows) {
    const item = document.createElement('li');
    const name = text('span', label, 'score-label');
    const bar = document.createElement('meter');
    bar.min = 0; bar.max = 1; bar.value = score;
    bar.setAttribute('aria-label', `${label}: ${score.toFixed(3)}`);
    item.append(name, bar, text('span', score.toFixed(3), 'score-value mono'));
    list.append(item);
  }
  return list;
}

function spans(input, entities) {
  const p = document.createElement('p');
  p.className = 'token-spans';
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    p.append(document.createTextNode(input.slice(at, e.start)));
    const mark = document.createElement('mark');
    mark.textContent = input.slice(e.start, e.end);
    mark.append(text('span', ` ${e.entity_group ?? e.entity}`, 'entity-label'));
    mark.title = `${e.entity_group ?? e.entity} ${Number(e.score).toFixed(3)}`;
    p.append(mark);
    at = e.end;
  }
  p.append(document.createTextNode(input.slice(at)));
  return p;
}

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}
