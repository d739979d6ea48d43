// Parse Mermaid diagrams with Mermaid's own parser, under Node with jsdom for its DOM needs.
// Usage: node tests/mermaid_parse.mjs NODE_MODULES_DIR < diagrams.json
// Reads a JSON array of diagram texts; prints a JSON array of results, one per diagram:
// {"ok": true, "type": "mindmap"} or {"ok": false, "error": "the parser's message"}.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
const { JSDOM } = createRequire(join(modules, "noop.js"))("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const url = pathToFileURL(join(modules, "mermaid", "dist", "mermaid.core.mjs")).href;
const { default: mermaid } = await import(url);
mermaid.initialize({ startOnLoad: false });

const results = [];
for (const text of JSON.parse(readFileSync(0, "utf8"))) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message ?? error).split("\n").slice(0, 3).join(" | ") });
  }
}
process.stdout.write(JSON.stringify(results));
