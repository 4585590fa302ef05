// Drives the real @huggingface/hub client against a running Hub. Exits non-zero on the first failed check.
// Environment: HUB_URL (e.g. http://127.0.0.1:5000), HUB_TOKEN (a write token of user HUB_USER).
import { randomBytes, createHash } from "node:crypto";
import assert from "node:assert/strict";
import {
  whoAmI, createRepo, uploadFiles, listFiles, downloadFile, fileExists, listModels, listCommits, createBranch,
  deleteRepo, modelInfo, datasetInfo,
} from "@huggingface/hub";

const hubUrl = process.env.HUB_URL;
const accessToken = process.env.HUB_TOKEN;
const user = process.env.HUB_USER;
const suffix = process.env.HUB_SUFFIX ?? Date.now().toString(36);
assert.ok(hubUrl && accessToken && user, "HUB_URL, HUB_TOKEN and HUB_USER are required");

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
const batches = [];
// Record LFS batch replies so the test can tell basic from multipart transfers.
const recordingFetch = async (url, init) => {
  const res = await fetch(url, init);
  if (String(url).endsWith("/info/lfs/objects/batch")) batches.push(await res.clone().json());
  return res;
};
const step = async (name, fn) => {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
    process.exit(1);
  }
};

const model = { type: "model", name: `${user}/js-model-${suffix}` };
const dataset = { type: "dataset", name: `${user}/js-dataset-${suffix}` };
const readme = `---\nlicense: mit\nlanguage:\n- en\ntags:\n- conformance\npipeline_tag: text-classification\nlibrary_name: transformers\n---\n# JS conformance\n`;
const small = Buffer.from("hello from the JS client\n");
const lfs30 = randomBytes(30 * 1024 * 1024);
const lfs120 = randomBytes(120 * 1024 * 1024);
const files = {
  "hello.txt": small,
  "README.md": Buffer.from(readme),
  "weights/model-30mb.bin": lfs30,
  "weights/model-120mb.safetensors": lfs120,
};

await step("whoAmI", async () => {
  const me = await whoAmI({ accessToken, hubUrl });
  assert.equal(me.name, user);
  assert.equal(me.type, "user");
  assert.equal(me.auth.accessToken.role, "write");
});

await step("createRepo model and dataset", async () => {
  const created = await createRepo({ repo: model, accessToken, hubUrl });
  assert.equal(created.repoUrl, `${hubUrl}/${model.name}`);
  await createRepo({ repo: dataset, accessToken, hubUrl });
  const info = await datasetInfo({ name: dataset.name, accessToken, hubUrl });
  assert.equal(info.name, dataset.name);
});

await step("uploadFiles: text, README with front matter, 30 MB (LFS basic), 120 MB (LFS multipart)", async () => {
  await uploadFiles({
    repo: model, accessToken, hubUrl, fetch: recordingFetch,
    files: Object.entries(files).map(([path, buf]) => ({ path, content: new Blob([buf]) })),
    commitTitle: "Upload from the JS client",
  });
  const objects = batches.flatMap((b) => b.objects.map((o) => ({ ...o, transfer: b.transfer })));
  const o30 = objects.find((o) => o.oid === sha256(lfs30));
  const o120 = objects.find((o) => o.oid === sha256(lfs120));
  assert.ok(o30 && o120, "both large files went through the LFS batch API");
  assert.ok(!o30.actions.upload.header?.chunk_size, "30 MB uses a single PUT");
  assert.ok(Number(o120.actions.upload.header.chunk_size) > 0, "120 MB uses multipart");
  assert.ok(Object.keys(o120.actions.upload.header).filter((k) => /^\d+$/.test(k)).length >= 2, "120 MB has several parts");
  const info = await modelInfo({ name: model.name, accessToken, hubUrl, additionalFields: ["cardData", "tags"] });
  assert.equal(info.cardData?.license, "mit");
  assert.ok(info.tags.includes("conformance"));
  assert.equal(info.task, "text-classification");
});

await step("listFiles recursive", async () => {
  const listed = [];
  for await (const f of listFiles({ repo: model, recursive: true, accessToken, hubUrl })) listed.push(f);
  const byPath = Object.fromEntries(listed.map((f) => [f.path, f]));
  for (const [path, buf] of Object.entries(files)) {
    assert.ok(byPath[path], `listed ${path}`);
    assert.equal(byPath[path].size, buf.length, `size of ${path}`);
  }
  assert.equal(byPath["weights"].type, "directory");
  assert.equal(byPath["weights/model-30mb.bin"].lfs.oid, sha256(lfs30));
  assert.ok(byPath[".gitattributes"], "initial .gitattributes");
});

await step("downloadFile of each file: bytes identical", async () => {
  for (const [path, buf] of Object.entries(files)) {
    const blob = await downloadFile({ repo: model, path, accessToken, hubUrl });
    assert.ok(blob, `downloaded ${path}`);
    const got = Buffer.from(await blob.arrayBuffer());
    assert.equal(got.length, buf.length, `length of ${path}`);
    assert.equal(sha256(got), sha256(buf), `sha256 of ${path}`);
  }
  assert.equal(await downloadFile({ repo: model, path: "missing.txt", accessToken, hubUrl }), null);
});

await step("fileExists", async () => {
  assert.equal(await fileExists({ repo: model, path: "hello.txt", accessToken, hubUrl }), true);
  assert.equal(await fileExists({ repo: model, path: "weights/model-120mb.safetensors", accessToken, hubUrl }), true);
  assert.equal(await fileExists({ repo: model, path: "nope.txt", accessToken, hubUrl }), false);
});

await step("listModels with a limit spanning two pages", async () => {
  for (let i = 0; i < 3; i++) await createRepo({ repo: { type: "model", name: `${user}/js-page-${suffix}-${i}` }, accessToken, hubUrl });
  const seen = [];
  for await (const m of listModels({ search: { owner: user }, limit: 50, accessToken, hubUrl })) seen.push(m.name);
  const expected = [model.name, ...[0, 1, 2].map((i) => `${user}/js-page-${suffix}-${i}`)];
  for (const name of expected) assert.ok(seen.includes(name), `listed ${name}`);
  assert.equal(new Set(seen).size, seen.length, "no model listed twice");
  assert.ok(Number(process.env.HUB_PAGE_SIZE) < seen.length, "the listing spanned more than one page");
});

await step("listCommits", async () => {
  const commits = [];
  for await (const c of listCommits({ repo: model, accessToken, hubUrl })) commits.push(c);
  assert.equal(commits.length, 2);
  assert.equal(commits[0].title, "Upload from the JS client");
  assert.match(commits[0].oid, /^[0-9a-f]{40}$/);
});

await step("createBranch", async () => {
  await createBranch({ repo: model, branch: "dev", accessToken, hubUrl });
  const blob = await downloadFile({ repo: model, path: "hello.txt", revision: "dev", accessToken, hubUrl });
  assert.equal(Buffer.from(await blob.arrayBuffer()).toString(), small.toString());
  await assert.rejects(createBranch({ repo: model, branch: "dev", accessToken, hubUrl }), /already exists/);
});

await step("deleteRepo", async () => {
  await deleteRepo({ repo: dataset, accessToken, hubUrl });
  await assert.rejects(datasetInfo({ name: dataset.name, accessToken, hubUrl }));
  await deleteRepo({ repo: model, accessToken, hubUrl });
  assert.equal(await fileExists({ repo: model, path: "hello.txt", accessToken, hubUrl }).catch(() => false), false);
});

console.log("all JS client checks passed");
