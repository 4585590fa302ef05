// Browser uploads straight to storage, the way huggingface_hub does it (design.md §4): preupload → sha256 → LFS batch →
// PUT bytes to presigned S3 part URLs or signed hub URLs (never through the Blazor circuit) → one NDJSON commit.
// Multipart uploads resume: the batch answer lists the parts the hub already stored (`uploadedParts`), so after a pause
// or a page reload only the missing parts are sent. The Blazor component (Uploader.razor) owns the UI; this module
// reports to it through `dotnet` (FilesAdded, Progress, Pending, Finished, Failed).

const CONCURRENCY = 4;
const RETRIES = 3;
const REPORT_MS = 200;
const LFS_JSON = 'application/vnd.git-lfs+json';

let state = null;

class PausedError extends Error {}

export function init(dotnet, root, options) {
  dispose();
  state = { dotnet, root, options, files: new Map(), nextId: 1, xhrs: new Set(), paused: false, running: false, dirty: new Map(), timer: null, worker: null };
  const drop = root.querySelector('[data-dropzone]');
  for (const input of root.querySelectorAll('input[type=file]')) {
    input.addEventListener('change', () => {
      add([...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name })));
      input.value = '';
    });
  }
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    const found = entries.length > 0
      ? (await Promise.all(entries.map((entry) => walk(entry, '')))).flat()
      : [...e.dataTransfer.files].map((file) => ({ file, path: file.name }));
    add(found);
  });
  const pending = readPending();
  if (pending) dotnet.invokeMethodAsync('Pending', pending.files.length, pending.files.reduce((s, f) => s + f.size, 0), pending.summary || '');
}

export function dispose() {
  if (!state) return;
  for (const xhr of state.xhrs) xhr.abort();
  if (state.worker) state.worker.terminate();
  clearInterval(state.timer);
  state = null;
}

async function walk(entry, prefix) {
  if (entry.isFile) return [{ file: await new Promise((ok, fail) => entry.file(ok, fail)), path: prefix + entry.name }];
  const reader = entry.createReader();
  const children = [];
  for (;;) {
    const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map((child) => walk(child, prefix + entry.name + '/')))).flat();
}

function add(found) {
  const added = [];
  for (const { file, path } of found) {
    // Files picked on a folder's upload page go into that folder.
    const folder = (state.options.folder || '').replace(/^\/+|\/+$/g, '');
    const clean = (folder ? folder + '/' : '') + path.replace(/^\/+/, '');
    for (const [id, item] of state.files) if (item.path === clean) state.files.delete(id);
    const id = state.nextId++;
    state.files.set(id, { id, file, path: clean, loaded: 0, status: 'queued' });
    added.push({ id, path: clean, size: file.size });
  }
  if (added.length > 0) state.dotnet.invokeMethodAsync('FilesAdded', added);
}

export function remove(id) { state?.files.delete(id); }

export function clear() { state?.files.clear(); }

export function discardPending() { localStorage.removeItem(pendingKey()); }

export function pause() {
  if (!state || !state.running) return;
  state.paused = true;
  for (const xhr of state.xhrs) xhr.abort();
}

export function start(summary, description) {
  if (!state || state.running) return;
  state.paused = false;
  state.running = true;
  state.timer = setInterval(flush, REPORT_MS);
  run(summary, description).finally(() => { state && (state.running = false, clearInterval(state.timer), flush()); });
}

async function run(summary, description) {
  const items = [...state.files.values()];
  const { type, repoId, revision } = state.options;
  writePending(summary, description, items);
  try {
    await preupload(items);
    const lfs = items.filter((i) => i.mode === 'lfs' && !i.ignored);
    const regular = items.filter((i) => i.mode === 'regular' && !i.ignored);
    for (const item of lfs) await hash(item);
    await uploadLfs(lfs);
    for (const item of regular) set(item, 'stored', item.file.size);
    const lines = [JSON.stringify({ key: 'header', value: { summary, description } })];
    for (const item of regular) lines.push(JSON.stringify({ key: 'file', value: { path: item.path, content: await base64(item.file), encoding: 'base64' } }));
    for (const item of lfs) lines.push(JSON.stringify({ key: 'lfsFile', value: { path: item.path, algo: 'sha256', oid: item.oid, size: item.file.size } }));
    for (const item of [...regular, ...lfs]) set(item, 'committing');
    const response = await api(`/api/${type}s/${repoId}/commit/${encodeURIComponent(revision)}`, { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: lines.join('\n') + '\n' });
    const result = await response.json();
    for (const item of [...regular, ...lfs]) set(item, 'done', item.file.size);
    localStorage.removeItem(pendingKey());
    // Committed files leave the list: files picked next go in the next commit alone (re-sending these would bring
    // back files deleted since).
    for (const item of items) state.files.delete(item.id);
    flush();
    state.dotnet.invokeMethodAsync('Finished', result.commitOid, result.commitUrl || '');
  } catch (e) {
    flush();
    if (e instanceof PausedError || state?.paused) state?.dotnet.invokeMethodAsync('Paused');
    else state?.dotnet.invokeMethodAsync('Failed', String(e && e.message || e));
  }
}

async function preupload(items) {
  const { type, repoId, revision } = state.options;
  for (let i = 0; i < items.length; i += 100) {
    const chunk = items.slice(i, i + 100);
    const files = await Promise.all(chunk.map(async (item) => ({ path: item.path, size: item.file.size, sample: await base64(item.file.slice(0, 512)) })));
    const response = await api(`/api/${type}s/${repoId}/preupload/${encodeURIComponent(revision)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files }) });
    const answer = await response.json();
    for (const file of answer.files) {
      const item = chunk.find((c) => c.path === file.path);
      if (!item) continue;
      item.mode = item.file.size === 0 ? 'regular' : file.uploadMode;
      item.ignored = file.shouldIgnore === true;
      if (item.ignored) set(item, 'ignored');
    }
  }
}

function hash(item) {
  const cacheKey = `hub-sha256:${item.path}:${item.file.size}:${item.file.lastModified}`;
  const cached = localStorage.getItem(cacheKey);
  if (cached) { item.oid = cached; return Promise.resolve(); }
  set(item, 'hashing', 0);
  state.worker ??= new Worker(new URL('./sha256-worker.js', import.meta.url));
  return new Promise((resolve, reject) => {
    state.worker.onmessage = (event) => {
      const m = event.data;
      if (m.id !== item.id) return;
      if (m.error) reject(new Error(`Could not read ${item.path}: ${m.error}`));
      else if (m.oid) { item.oid = m.oid; localStorage.setItem(cacheKey, m.oid); set(item, 'queued', 0); resolve(); }
      else set(item, 'hashing', m.progress);
    };
    state.worker.postMessage({ id: item.id, file: item.file });
  });
}

async function uploadLfs(items) {
  const { repoId, type } = state.options;
  const prefix = type === 'model' ? '' : `${type}s/`;
  const jobs = [];
  const finishers = [];
  // Files with the same content are one object: it is uploaded once (two uploads of one object would race for the
  // same multipart session), and every file with it is stored when it is.
  const byOid = new Map();
  for (const item of items) {
    if (byOid.has(item.oid)) byOid.get(item.oid).push(item);
    else byOid.set(item.oid, [item]);
  }
  const objects = [...byOid.values()].map((group) => group[0]);
  const planned = new Set();
  for (let i = 0; i < objects.length; i += 100) {
    const chunk = objects.slice(i, i + 100);
    const response = await api(`/${prefix}${repoId}.git/info/lfs/objects/batch`, {
      method: 'POST', headers: { Accept: LFS_JSON, 'Content-Type': LFS_JSON },
      body: JSON.stringify({ operation: 'upload', transfers: ['basic', 'multipart'], hash_algo: 'sha256', objects: chunk.map((c) => ({ oid: c.oid, size: c.file.size })) }),
    });
    const answer = await response.json();
    for (const object of answer.objects) {
      const item = chunk.find((c) => c.oid === object.oid);
      if (!item || planned.has(item.oid)) continue;
      planned.add(item.oid);
      if (object.error) throw new Error(`${item.path}: ${object.error.message}`);
      const copies = byOid.get(item.oid).slice(1);
      const upload = object.actions && object.actions.upload;
      if (!upload) { for (const same of [item, ...copies]) set(same, 'stored', same.file.size); continue; }
      if (upload.header && upload.header.chunk_size) planMultipart(item, object, upload, jobs, finishers);
      else planBasic(item, object, jobs, finishers);
      finishers.push(async () => { for (const same of copies) set(same, 'stored', same.file.size); });
    }
  }
  await pool(jobs);
  for (const finish of finishers) await finish();
}

function planBasic(item, object, jobs, finishers) {
  item.parts = new Map([[1, 0]]);
  set(item, 'uploading', 0);
  jobs.push(async () => {
    await put(object.actions.upload.href, item.file, (loaded) => { item.parts.set(1, loaded); progress(item); });
    item.parts.set(1, item.file.size);
    progress(item);
  });
  if (object.actions.verify) {
    finishers.push(async () => {
      await api(object.actions.verify.href, { method: 'POST', headers: { Accept: LFS_JSON, 'Content-Type': LFS_JSON }, body: JSON.stringify({ oid: item.oid, size: item.file.size }) });
      set(item, 'stored', item.file.size);
    });
  } else finishers.push(async () => set(item, 'stored', item.file.size));
}

function planMultipart(item, object, upload, jobs, finishers) {
  const chunkSize = Number(upload.header.chunk_size);
  const stored = new Map((object.uploadedParts || []).map((p) => [p.partNumber, p.etag]));
  const count = Math.ceil(item.file.size / chunkSize);
  const etags = new Map(stored);
  item.parts = new Map();
  for (let part = 1; part <= count; part++) {
    const start = (part - 1) * chunkSize;
    const end = Math.min(item.file.size, start + chunkSize);
    item.parts.set(part, stored.has(part) ? end - start : 0);
    if (stored.has(part)) continue;
    const url = upload.header[String(part)];
    jobs.push(async () => {
      const etag = await put(url, item.file.slice(start, end), (loaded) => { item.parts.set(part, loaded); progress(item); });
      item.parts.set(part, end - start);
      etags.set(part, etag || '');
      progress(item);
    });
  }
  set(item, 'uploading');
  progress(item);
  finishers.push(async () => {
    const parts = [...etags].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag }));
    await api(upload.href, { method: 'POST', headers: { Accept: LFS_JSON, 'Content-Type': LFS_JSON }, body: JSON.stringify({ oid: item.oid, parts }) });
    set(item, 'stored', item.file.size);
  });
}

function progress(item) {
  let loaded = 0;
  for (const bytes of item.parts.values()) loaded += bytes;
  set(item, item.status === 'queued' ? 'uploading' : item.status, loaded);
}

async function pool(jobs) {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      for (let attempt = 1; ; attempt++) {
        if (state.paused) throw new PausedError();
        try { await job(); break; } catch (e) {
          if (e instanceof PausedError || state.paused || attempt >= RETRIES) throw e;
          await new Promise((r) => setTimeout(r, 500 * attempt));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}

function put(url, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    state.xhrs.add(xhr);
    const done = () => state && state.xhrs.delete(xhr);
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader('ETag'));
      else reject(new Error(`Storage refused a part (${xhr.status}): ${(xhr.responseText || '').slice(0, 200)}`));
    };
    xhr.onerror = () => { done(); reject(new Error('The connection to the storage failed.')); };
    xhr.onabort = () => { done(); reject(new PausedError('paused')); };
    xhr.send(body);
  });
}

async function api(url, init) {
  const response = await fetch(url, { credentials: 'same-origin', ...init });
  if (!response.ok) {
    let message = response.headers.get('X-Error-Message');
    if (!message) { try { const body = await response.json(); message = body.error || body.message; } catch { /* not JSON */ } }
    throw new Error(message || `The hub answered ${response.status}.`);
  }
  return response;
}

function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function set(item, status, loaded) {
  item.status = status;
  if (loaded !== undefined) item.loaded = loaded;
  state.dirty.set(item.id, { id: item.id, status: item.status, loaded: item.loaded });
}

function flush() {
  if (!state || state.dirty.size === 0) return;
  const updates = [...state.dirty.values()];
  state.dirty.clear();
  state.dotnet.invokeMethodAsync('Progress', updates);
}

function pendingKey() {
  const { type, repoId, revision } = state.options;
  return `hub-upload:${type}:${repoId}:${revision}`;
}

function readPending() {
  try { return JSON.parse(localStorage.getItem(pendingKey()) || 'null'); } catch { return null; }
}

function writePending(summary, description, items) {
  localStorage.setItem(pendingKey(), JSON.stringify({ summary, description, files: items.map((i) => ({ path: i.path, size: i.file.size })) }));
}
