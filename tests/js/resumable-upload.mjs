// A resuming uploader, as the browser uploader will be: asks the batch API, sends only the parts the hub does not
// hold yet (the batch reply's uploadedParts extension), completes, commits.
// Usage: node resumable-upload.mjs <file> <repo> <pathInRepo> [--die-after-parts N]
// Environment: HUB_URL, HUB_TOKEN. Prints "sent part N" per part; with --die-after-parts it SIGKILLs itself.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";

const [file, repo, pathInRepo, flag, dieAfter] = process.argv.slice(2);
const hubUrl = process.env.HUB_URL;
const auth = { Authorization: `Bearer ${process.env.HUB_TOKEN}` };
const data = readFileSync(file);
const oid = createHash("sha256").update(data).digest("hex");

const batch = await fetch(`${hubUrl}/${repo}.git/info/lfs/objects/batch`, {
  method: "POST",
  headers: { ...auth, Accept: "application/vnd.git-lfs+json", "Content-Type": "application/vnd.git-lfs+json" },
  body: JSON.stringify({ operation: "upload", transfers: ["basic", "multipart"], hash_algo: "sha256", objects: [{ oid, size: data.length }] }),
});
if (!batch.ok) throw new Error(`batch: ${batch.status} ${await batch.text()}`);
const object = (await batch.json()).objects[0];
const upload = object.actions?.upload;
if (!upload) throw new Error("the hub already holds this object");
const chunk = Number(upload.header.chunk_size);
const stored = new Set((object.uploadedParts ?? []).map((p) => p.partNumber));
console.log(`already stored: ${[...stored].join(",")}`);
const parts = Object.keys(upload.header).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
let sent = 0;
for (const part of parts) {
  if (stored.has(part)) continue;
  const body = data.subarray((part - 1) * chunk, part * chunk);
  const res = await fetch(upload.header[String(part)], { method: "PUT", body });
  if (!res.ok || !res.headers.get("etag")) throw new Error(`part ${part}: ${res.status} ${await res.text()}`);
  console.log(`sent part ${part}`);
  sent++;
  if (flag === "--die-after-parts" && sent >= Number(dieAfter)) process.kill(process.pid, "SIGKILL");
}
const complete = await fetch(upload.href, {
  method: "POST",
  headers: { Accept: "application/vnd.git-lfs+json", "Content-Type": "application/vnd.git-lfs+json" },
  body: JSON.stringify({ oid, parts: [] }),
});
if (!complete.ok) throw new Error(`complete: ${complete.status} ${await complete.text()}`);
const commit = await fetch(`${hubUrl}/api/models/${repo}/commit/main`, {
  method: "POST",
  headers: { ...auth, "Content-Type": "application/x-ndjson" },
  body: [
    JSON.stringify({ key: "header", value: { summary: "resumed upload" } }),
    JSON.stringify({ key: "lfsFile", value: { path: pathInRepo, algo: "sha256", oid, size: data.length } }),
  ].join("\n"),
});
if (!commit.ok) throw new Error(`commit: ${commit.status} ${await commit.text()}`);
console.log("committed");
