"""Build argmap's JupyterLite site: the notebooks, argmap and Python in the browser.

    python lite/build.py [--out build/lite] [--work build/lite-work]

(``./dev.sh lite`` sets up and runs this.)  The site is static files that any web
server (or ``python -m http.server``) can serve, and it holds everything it runs:

* JupyterLab in the browser (``jupyterlite-core``) with the Pyodide kernel
  (``jupyterlite-pyodide-kernel``), and the front-end extensions installed here
  (ipywidgets' manager, anywidget);
* Pyodide's runtime (npm ``pyodide``, the version the kernel was built for), with a
  ``pyodide-lock.json`` of our own that lists only the wheels shipped beside it:
  argmap (built from this checkout), its dependencies and the kernel's, all
  pure-Python wheels from PyPI; PyYAML has none, so its pure-Python half (the same
  code its C extension speeds up) is packed from its source release into one; each
  wheel gets its modules' bytecode, compiled by Pyodide's Python in Node
  (``lite/precompile.mjs``), so the kernel does not compile them at every start;
* Graphviz compiled to WebAssembly (npm ``@hpcc-js/wasm-graphviz``) at
  ``static/argmap/graphviz.mjs``, where :mod:`argmap.output.layout` looks for it;
* the notebooks and the texts they read.

Nothing is fetched from a CDN when a learner opens the site: the kernel is told
not to fall back to PyPI, and every package it loads at start is in the lock.
The build itself needs PyPI (pip) and the npm packages in ``node_modules``
(``npm ci``); it fails with a message saying which piece is missing.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import csv
import email.parser
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
NODE = ROOT / "node_modules"

#: The Pyodide the kernel extension was built for (its constants say which).
PYODIDE_PKG = NODE / "pyodide"
GRAPHVIZ_MJS = NODE / "@hpcc-js" / "wasm-graphviz" / "dist" / "index.js"

#: What the kernel itself loads (pyodide-kernel's worker installs these at start).
KERNEL_ROOTS = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython"]
#: What the notebooks need besides argmap's own dependencies (from its metadata).
NOTEBOOK_ROOTS = ["ipywidgets", "anywidget", "defusedxml"]
#: Packages the kernel extension ships as stand-ins that work in the browser.
SHIMS = {"ipykernel", "piplite", "pyodide-kernel", "widgetsnbextension"}
#: Packages that have no pure-Python wheel on PyPI, and how they are made here.
NO_PURE_WHEEL = {"pyyaml"}

#: The notebook folder's files the site carries (notebooks and the texts they read).
CONTENT_SUFFIXES = {".ipynb", ".argdown", ".txt", ".md"}


class BuildError(Exception):
    """A step of the build failed; the message says which and what to do."""


def say(message: str) -> None:
    print(f"lite: {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    say(" ".join(str(c) for c in cmd))
    start = time.perf_counter()
    done = subprocess.run(cmd, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise BuildError(f"{' '.join(str(c) for c in cmd[:4])} … failed (exit {done.returncode})")
    say(f"  done in {time.perf_counter() - start:.1f} s")


# -- Pyodide -------------------------------------------------------------------------------


def pyodide_version() -> str:
    """The Pyodide version the installed kernel extension expects."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return str(PYODIDE_VERSION)


def check_node_packages() -> dict[str, object]:
    """The npm pieces, present and of the version the kernel needs; their lock's ``info``."""
    want = pyodide_version()
    manifest = PYODIDE_PKG / "package.json"
    if not manifest.exists() or not GRAPHVIZ_MJS.exists():
        raise BuildError(
            "Pyodide's runtime or Graphviz in WebAssembly is missing from node_modules: run `npm ci` "
            "(./dev.sh lite does)"
        )
    have = json.loads(manifest.read_text())["version"]
    if have != want:
        raise BuildError(
            f"node_modules has pyodide {have}, but jupyterlite-pyodide-kernel is built for {want}: "
            f"set package.json's pyodide to {want} and run `npm install`"
        )
    lock = json.loads((PYODIDE_PKG / "pyodide-lock.json").read_text())
    return dict(lock["info"])


def marker_environment(info: dict[str, object]) -> dict[str, str]:
    """Environment markers as Pyodide evaluates them (CPython on Emscripten, wasm32)."""
    python = str(info["python"])
    env = dict(default_environment())
    env.update(
        implementation_name="cpython",
        implementation_version=python,
        os_name="posix",
        platform_machine="wasm32",
        platform_python_implementation="CPython",
        platform_release=str(info.get("platform", "")).removeprefix("emscripten_").replace("_", "."),
        platform_system="Emscripten",
        platform_version="",
        python_full_version=python,
        python_version=".".join(python.split(".")[:2]),
        sys_platform="emscripten",
    )
    return env


# -- wheels --------------------------------------------------------------------------------


def build_argmap_wheel(dest: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dest), str(ROOT)])
    (wheel,) = sorted(dest.glob("argmap-*.whl"))
    return wheel


def wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(z.read(name).decode("utf-8"))


def requirements(wheel: Path, env: dict[str, str], extras: Iterable[str] = ()) -> list[str]:
    """The names ``wheel`` needs under ``env`` (with ``extras``), canonical."""
    needed = []
    for raw in wheel_metadata(wheel).get_all("Requires-Dist") or []:
        req = Requirement(raw)
        if req.marker is None or any(req.marker.evaluate({**env, "extra": e}) for e in ["", *extras]):
            needed.append(canonicalize_name(req.name))
    return needed


def download_wheels(names: list[str], dest: Path, python: str) -> None:
    """Pure-Python wheels of ``names`` and their dependencies, for Pyodide's Python."""
    run(
        [
            sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
            "--only-binary=:all:", "--platform", "any", "--implementation", "py", "--abi", "none",
            "--python-version", ".".join(python.split(".")[:2]), "-d", str(dest), *names,
        ]
    )  # fmt: skip


def pure_pyyaml_wheel(dest: Path, tmp: Path) -> Path:
    """PyYAML as a pure-Python wheel, from its source release.

    PyYAML publishes compiled wheels only; its source holds the whole library in
    Python (``lib/yaml``), the C extension (``_yaml``) being an optional speed-up
    that ``yaml`` does without when it is absent.  That Python half is packed here,
    unchanged, with the release's own metadata."""
    run(
        [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
         "--no-binary=:all:", "-d", str(tmp), "pyyaml>=6"]
    )  # fmt: skip
    (sdist,) = sorted(tmp.glob("[Pp][Yy][Yy][Aa][Mm][Ll]-*.tar.gz"))
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        pkg_info = None
        for member in tar.getmembers():
            parts = member.name.split("/")
            if parts[1:] == ["PKG-INFO"]:
                pkg_info = tar.extractfile(member).read()  # type: ignore[union-attr]
            elif parts[1:3] == ["lib", "yaml"] and member.isfile() and member.name.endswith(".py"):
                files["/".join(parts[2:])] = tar.extractfile(member).read()  # type: ignore[union-attr]
    if pkg_info is None or "yaml/__init__.py" not in files:
        raise BuildError(f"{sdist.name} is not laid out as PyYAML 6 is (PKG-INFO, lib/yaml/): cannot pack it")
    meta = email.parser.Parser().parsestr(pkg_info.decode("utf-8"))
    version = meta["Version"]
    dist_info = f"pyyaml-{version}.dist-info"
    files[f"{dist_info}/METADATA"] = pkg_info
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: argmap lite/build.py (pure-Python PyYAML)\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{dist_info}/top_level.txt"] = b"yaml\n"
    wheel = dest / f"pyyaml-{version}-py3-none-any.whl"
    write_wheel(wheel, files, f"{dist_info}/RECORD")
    return wheel


def write_wheel(path: Path, files: dict[str, bytes], record_name: str) -> None:
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in sorted(files.items()):
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([record_name, "", ""])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(files.items()):
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0)), record.getvalue())


def kernel_shims() -> list[Path]:
    """The wheels jupyterlite-pyodide-kernel ships to stand in for server-side packages."""
    import jupyterlite_pyodide_kernel

    share = Path(sys.prefix, "share", "jupyter", "labextensions", "@jupyterlite", "pyodide-kernel-extension")
    found = sorted((share / "static" / "pypi").glob("*.whl"))
    if not found:
        raise BuildError(
            f"jupyterlite-pyodide-kernel {jupyterlite_pyodide_kernel.__version__} is installed without its "
            f"wheels in {share}: reinstall it (pip install 'argmap[lite]')"
        )
    # widgetsnbextension comes as 3.x and 4.x stand-ins: ipywidgets 8 needs the 4.x one
    return [w for w in found if not w.name.startswith("widgetsnbextension-3.")]


def top_level(wheel: Path) -> list[str]:
    """The names a wheel makes importable."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        listed = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        if listed:
            return sorted({t.strip() for t in z.read(listed[0]).decode().split() if t.strip()})
    tops = set()
    for n in names:
        head = n.split("/")[0]
        if head.endswith((".dist-info", ".data")):
            continue
        if "/" in n or n.endswith(".py"):
            tops.add(head.removesuffix(".py"))
    return sorted(t for t in tops if t.isidentifier())


def pick(wheels: list[Path], roots: list[str], env: dict[str, str]) -> dict[str, Path]:
    """The wheels needed from ``roots`` (canonical name → wheel), checking nothing is missing."""
    by_name: dict[str, Path] = {}
    for w in wheels:  # the kernel's stand-ins come last and win over the real packages
        by_name[canonicalize_name(parse_wheel_filename(w.name)[0])] = w
    chosen: dict[str, Path] = {}
    todo = [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in chosen:
            continue
        if name not in by_name:
            raise BuildError(f"no wheel for {name!r}, which the site needs (needed by the kernel or argmap)")
        chosen[name] = by_name[name]
        todo.extend(requirements(by_name[name], env))
    return chosen


def lock_entry(name: str, wheel: Path, depends: list[str]) -> dict[str, object]:
    return {
        "name": name,
        "version": str(parse_wheel_filename(wheel.name)[1]),
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": top_level(wheel),
        "depends": sorted(set(depends)),
        "unvendored_tests": False,
    }


def precompile(folder: Path) -> None:
    """Bytecode in every wheel of ``folder``, compiled by Pyodide's own Python in Node
    (``lite/precompile.mjs``): the kernel then imports without compiling (Pyodide
    writes no bytecode of its own), which makes its start much shorter."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("Node.js is needed (as for npm ci) to compile the wheels with Pyodide's Python")
    run([node, str(HERE / "precompile.mjs"), str(PYODIDE_PKG), str(folder)])


# -- the site -------------------------------------------------------------------------------


def stage(work: Path) -> tuple[Path, dict[str, object]]:
    """The JupyterLite folder to build from: config, settings, Pyodide with its wheels."""
    info = check_node_packages()
    env = marker_environment(info)
    if work.exists():
        shutil.rmtree(work)
    lite_dir = work / "lite"
    pyodide_dir = lite_dir / "static" / "pyodide"
    downloads, shims, tmp = work / "wheels", work / "shims", work / "tmp"
    for d in (pyodide_dir, downloads, shims, tmp):
        d.mkdir(parents=True)
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide.js"]:
        shutil.copy2(PYODIDE_PKG / name, pyodide_dir / name)

    # PyYAML's source release downloads while argmap's wheel is built and the others download
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pyyaml = pool.submit(pure_pyyaml_wheel, downloads, tmp)
        argmap_wheel = build_argmap_wheel(downloads)
        argmap_deps = requirements(argmap_wheel, env)
        pypi_names = sorted({*KERNEL_ROOTS, *NOTEBOOK_ROOTS, *argmap_deps} - SHIMS - NO_PURE_WHEEL)
        download_wheels(pypi_names, downloads, str(info["python"]))
        pyyaml.result()
    for w in kernel_shims():
        shutil.copy2(w, shims / w.name)

    wheels = sorted(downloads.glob("*.whl")) + sorted(shims.glob("*.whl"))
    roots = [*KERNEL_ROOTS, *NOTEBOOK_ROOTS, "argmap"]
    chosen = pick(wheels, roots, env)
    packages = {}
    for name, wheel in sorted(chosen.items()):
        shutil.copy2(wheel, pyodide_dir / wheel.name)
        packages[name] = lock_entry(name, wheel, requirements(wheel, env))
    lock = {"info": info, "packages": packages}
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")

    # jupyter-lite.json and the settings overrides come from this folder, as they are
    for name in ["jupyter-lite.json", "overrides.json"]:
        shutil.copy2(HERE / name, lite_dir / name)
    config = json.loads((lite_dir / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    settings["loadPyodideOptions"]["packages"] = sorted({canonicalize_name(r) for r in roots})
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")
    return lite_dir, {"pyodide": info, "packages": {k: v["version"] for k, v in packages.items()}}


def contents(work: Path) -> Path:
    """The notebooks and the texts they read (not learners' files, not outputs)."""
    folder = work / "contents"
    folder.mkdir()
    for path in sorted((ROOT / "notebooks").iterdir()):
        if path.is_file() and path.suffix in CONTENT_SUFFIXES:
            shutil.copy2(path, folder / path.name)
    return folder


def build(out: Path, work: Path) -> dict[str, object]:
    lite_dir, manifest = stage(work)
    folder = contents(work)
    if out.exists():
        shutil.rmtree(out)
    # the wheels are compiled (in Node) while JupyterLite builds the site around them
    staged = lite_dir / "static" / "pyodide"
    compiled = work / "compiled"
    compiled.mkdir()
    for wheel in staged.glob("*.whl"):
        shutil.copy2(wheel, compiled / wheel.name)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        compiling = pool.submit(precompile, compiled)
        run(
            [
                sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir),
                "--output-dir", str(out), "--contents", str(folder), "--no-sourcemaps",
            ],
            cwd=work,
        )  # fmt: skip
        compiling.result()
    shipped = out / "static" / "pyodide"
    lock = json.loads((shipped / "pyodide-lock.json").read_text())
    for entry in lock["packages"].values():
        wheel = compiled / entry["file_name"]
        shutil.copy2(wheel, shipped / wheel.name)
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (shipped / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    gv = out / "static" / "argmap"
    gv.mkdir(parents=True, exist_ok=True)
    shutil.copy2(GRAPHVIZ_MJS, gv / "graphviz.mjs")
    graphviz_version = json.loads((GRAPHVIZ_MJS.parent.parent / "package.json").read_text())["version"]
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    files = sum(1 for p in out.rglob("*") if p.is_file())
    manifest.update(
        graphviz_wasm=graphviz_version,
        notebooks=sorted(p.name for p in folder.glob("*.ipynb")),
        bytes=size,
        files=files,
    )
    (out / "argmap-lite.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lite/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "build" / "lite", help="the site (default: build/lite)"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "lite-work", help="scratch (default: build/lite-work)"
    )
    args = parser.parse_args(argv)
    try:
        manifest = build(args.out.resolve(), args.work.resolve())
    except BuildError as exc:
        say(f"error: {exc}")
        return 1
    mib = int(manifest["bytes"]) / 2**20  # type: ignore[call-overload]
    say(f"site built in {args.out}: {manifest['files']} files, {mib:.1f} MiB")
    say(
        f"serve it with: python -m http.server --directory {args.out} 8000  (then open http://127.0.0.1:8000/)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
