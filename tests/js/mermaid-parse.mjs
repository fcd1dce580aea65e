// Parse each Mermaid file named on the command line with the real `mermaid.parse`, jsdom standing in for the
// browser. Prints "OK <type>" per file, or the parser's error on stderr; exits 1 when any file fails.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`OK ${result.diagramType} ${file}`);
  } catch (error) {
    failed = true;
    console.error(`${file}: ${error && error.message ? error.message : error}`);
  }
}
process.exit(failed ? 1 : 0);
