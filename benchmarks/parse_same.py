"""Does this checkout's Argdown parser read everything as another commit's does?

A check for changes that must not change any result (a faster parser): every
``.argdown`` file of the repository, generated maps of every size the benchmarks use
(with and without a source text), the hostile inputs of ``hostile.py`` and random
mutations of the repository's maps (a fixed seed, so every run tries the same texts)
are parsed by both parsers, each in a process of its own, and compared whole: the
map (every field, locations included, which equality leaves out) and every
diagnostic (code, severity, line, column, message, hint).

    python benchmarks/parse_same.py              # against HEAD
    python benchmarks/parse_same.py --ref 1f5e3df --mutations 5000

Exits 1 and names the first texts that read differently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from parse import src_at  # noqa: E402

SKIP_DIRS = {".git", ".venv", "node_modules", "build", "__pycache__", ".ipynb_checkpoints"}

# In a process of its own: parse every text of the JSON list, print one digest per text
# (and, with --show, the canonical form) as JSON.
_CHILD = r"""
import dataclasses, enum, hashlib, json, sys, types
from argmap.argdown import parse

def canon(value):
    if dataclasses.is_dataclass(value):
        return [type(value).__name__] + [[f.name, canon(getattr(value, f.name))]
                                         for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dict, types.MappingProxyType)):
        return ["{}"] + [[canon(k), canon(v)] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return ["()" if isinstance(value, tuple) else "[]"] + [canon(v) for v in value]
    return [type(value).__name__, repr(value)]

texts = json.load(open(sys.argv[1], encoding="utf-8"))
show = sys.argv[2] == "show"
out = []
for text in texts:
    m, diagnostics = parse(text, "same.argdown")
    form = json.dumps([canon(m), canon(diagnostics)], ensure_ascii=True)
    out.append(form if show else hashlib.sha256(form.encode()).hexdigest())
print(json.dumps(out))
"""


def repo_maps() -> list[tuple[str, str]]:
    """Every ``.argdown`` file under the repository (named by its path)."""
    found = []
    for path in sorted(ROOT.rglob("*.argdown")):
        if SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            continue
        found.append(
            (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="surrogateescape"))
        )
    return found


def generated_maps() -> list[tuple[str, str]]:
    """The benchmarks' maps: every size they parse, several seeds, with a source text too."""
    from generate import make_map

    maps = []
    for n in (1, 2, 5, 10, 30, 100, 250, 1000, 2000, 4000, 8000):
        for seed in (1, 2, 3):
            maps.append((f"make_map({n}, seed={seed})", make_map(n, seed=seed)))
        maps.append((f"make_map({n}, seed=1, source)", make_map(n, seed=1, source="text.txt")))
        # Argdown's strict mode (relations ranked in its own order)
        strict = make_map(n, seed=2).replace("===\n", "===\nmodel:\n  mode: strict\n", 1)
        maps.append((f"make_map({n}, seed=2, strict)", strict))
    return maps


def hostile_maps() -> list[tuple[str, str]]:
    """Inputs that once made the parser slow (hostile.py's, smaller) and odd shapes."""
    deep = "[S0]: start\n" + "".join(f"{'  ' * (i + 1)}+ [S{i + 1}]: step {i}\n" for i in range(300))
    return [
        ("unclosed braces", "[A]: a " + "{" * 2000),
        ("many tags", "[A]: a " + " ".join(f"#t{i}" for i in range(3000))),
        ("deep chain", deep),
        ("lines of braces", "".join(f"[A{i}]: a {{\n" for i in range(500))),
        ("crlf", "[A]: a\r\n  + [B]: b\r\n\r\n<C>\r\n\r\n(1) [A]\r\n----\r\n(2) [B]\r\n"),
        ("comments", "// c\n[A]: a /* b\n c */ d\n  + [B]: e <!-- f -->\n"),
    ]


_PIECES = list("[]<>(){}:#@+-_>< \t\n\"'\\/*!=,.|`~1234abcXé") + [
    "--", "//", "/*", "*/", "<!--", "-->", "===", "  + ", "\n  - ", "(1) ", "----\n",
    "[A]: ", "<B>", "{k: ", "{k: v}", " #tag", "\n\n", "  _ ", "  >< ", "* ", "1. ", "# ",
]  # fmt: skip


def mutations(samples: Sequence[str], count: int, seed: int = 19) -> list[tuple[str, str]]:
    """``count`` texts made by inserting, deleting and swapping pieces of ``samples``."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        text = rng.choice(samples)
        for _ in range(rng.randint(1, 4)):
            i = rng.randint(0, len(text))
            op = rng.choice(("insert", "delete", "swap"))
            if op == "insert":
                text = text[:i] + "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))) + text[i:]
            elif op == "delete":
                text = text[:i] + text[i + rng.randint(1, 10) :]
            else:
                a, b = sorted((i, rng.randint(0, len(text))))
                text = text[:a] + text[b:] + text[a:b]
        out.append((f"mutation {k}", text))
    return out


def _read(src: Path, texts: list[str], tmp: Path, show: bool = False) -> list[str]:
    data = tmp / "texts.json"
    data.write_text(json.dumps(texts), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data), "show" if show else "digest"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"parsing failed with {src}:\n{done.stderr}")
    return list(json.loads(done.stdout))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--mutations", type=int, default=3000, help="random mutations of the repo's maps")
    args = parser.parse_args(argv)
    groups = {
        "repository files": repo_maps(),
        "generated maps": generated_maps(),
        "hostile inputs": hostile_maps(),
    }
    samples = [text for _, text in groups["repository files"]]
    groups["mutations"] = mutations(samples, args.mutations)
    named = [item for items in groups.values() for item in items]
    texts = [text for _, text in named]
    with tempfile.TemporaryDirectory(prefix="argmap-same-") as name:
        tmp = Path(name)
        ref_src = src_at(args.ref, tmp)
        if ref_src is None:
            raise SystemExit(f"git cannot give {args.ref}")
        ours = _read(ROOT / "src", texts, tmp)
        theirs = _read(ref_src, texts, tmp)
        differ = [k for k, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
        for group, items in groups.items():
            print(f"{group}: {len(items)} texts")
        print(f"{len(texts)} texts, {len(texts) - len(differ)} read alike by {args.ref} and this checkout")
        if not differ:
            return 0
        shown = differ[:5]
        a = _read(ROOT / "src", [texts[k] for k in shown], tmp, show=True)
        b = _read(ref_src, [texts[k] for k in shown], tmp, show=True)
        for k, x, y in zip(shown, a, b, strict=True):
            digest = hashlib.sha256(texts[k].encode("utf-8", "surrogatepass")).hexdigest()[:12]
            print(f"DIFFERS: {named[k][0]} (text {digest})")
            print(f"  {args.ref}: {y[:2000]}")
            print(f"  now:  {x[:2000]}")
        print(f"{len(differ)} texts read differently")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
