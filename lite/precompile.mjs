// Run lite/precompile.py inside Pyodide (Node), on the wheels in a folder:
//   node lite/precompile.mjs <pyodide's folder (node_modules/pyodide)> <wheels folder>
// The wheels get bytecode compiled by the same Python the site runs in the browser.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.mkdir("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: wheels }, "/wheels");
const here = dirname(fileURLToPath(import.meta.url));
pyodide.runPython(readFileSync(join(here, "precompile.py"), "utf8"));
