"""Add compiled bytecode to the site's wheels, run INSIDE Pyodide (``lite/precompile.mjs``).

Pyodide never writes bytecode (``sys.dont_write_bytecode``), so every kernel start
compiled each module it imported, from source, in WebAssembly: IPython, the widgets
and argmap, about 560 modules.  Here each wheel in the folder mounted at ``/wheels``
gets ``__pycache__/<module>.<cache tag>.pyc`` beside every ``.py``, compiled by the
Python the site runs (so the bytecode's version is right) as *unchecked hash-based*
pycs (PEP 552): the import system uses them without comparing them with the source's
time stamp, which unpacking the wheel in the browser sets anew.  The sources stay,
for tracebacks and for ``inspect``.  Each wheel's RECORD lists the files added.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import os
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]

FOLDER = "/wheels"
STAMP = (2020, 1, 1, 0, 0, 0)


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _pyc_name(source: str, tag: str) -> str:
    head, _, base = source.rpartition("/")
    return f"{head + '/' if head else ''}__pycache__/{base[:-3]}.{tag}.pyc"


def precompile(path: str) -> int:
    """Add bytecode for every module of the wheel at ``path``; how many were added."""
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    tag = sys.implementation.cache_tag
    added: list[tuple[str, bytes]] = []
    for info, data in items:
        name = info.filename
        if not name.endswith(".py") or ".dist-info/" in name or ".data/" in name:
            continue
        try:
            code = compile(data, name, "exec", dont_inherit=True)
        except SyntaxError:  # a file never imported (a template, Python 2 code): left as it is
            continue
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), False)
        added.append((_pyc_name(name, tag), bytes(pyc)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename.endswith(".dist-info/RECORD"):
                data += "".join(f"{n},{_digest(b)},{len(b)}\n" for n, b in added).encode()
            z.writestr(info, data)
        for name, data in added:
            z.writestr(zipfile.ZipInfo(name, date_time=STAMP), data, zipfile.ZIP_DEFLATED)
    with open(path, "wb") as f:
        f.write(out.getvalue())
    return len(added)


def main() -> None:
    import warnings

    warnings.simplefilter("ignore", SyntaxWarning)  # other projects' invalid escapes, not ours to fix
    total = 0
    for name in sorted(os.listdir(FOLDER)):
        if name.endswith(".whl"):
            total += precompile(f"{FOLDER}/{name}")
    print(f"{total} modules compiled for {sys.implementation.cache_tag}")


main()
