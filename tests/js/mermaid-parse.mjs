// Parse each Mermaid file named on the command line with the real `mermaid.parse`, jsdom standing in for the
// browser. Prints "OK <type>" per file, or the parser's error on stderr; exits 1 when any file fails.
// `--no-limits` first lifts Mermaid's default size limits (as a page may, with mermaid.initialize), to check the
// syntax of a chart larger than those limits.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
const files = process.argv.slice(2);
const noLimits = files[0] === "--no-limits";
mermaid.initialize(
  noLimits ? { startOnLoad: false, maxEdges: 1e9, maxTextSize: 1e9 } : { startOnLoad: false },
);

let failed = false;
for (const file of noLimits ? files.slice(1) : files) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`OK ${result.diagramType} ${file}`);
  } catch (error) {
    failed = true;
    console.error(`${file}: ${error && error.message ? error.message : error}`);
  }
}
process.exit(failed ? 1 : 0);
