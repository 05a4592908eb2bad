// Bundles the workbench's browser code (src/) with CodeMirror 6 into one file the Python package serves:
// govrubric/workbench/static/workbench.js. Run after changing src/ or the package versions:
//   cd editors/web && npm ci && npm run build
// The bundle is committed, so installing govrubric needs no Node.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, "src", "main.js")],
  outfile: path.join(here, "..", "..", "govrubric", "workbench", "static", "workbench.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  charset: "utf8",
  banner: { js: "/* govrubric workbench: built by editors/web/build.mjs from editors/web/src and CodeMirror 6 (MIT). Do not edit. */" },
});
console.log("built govrubric/workbench/static/workbench.js");
