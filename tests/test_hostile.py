"""A hostile classroom (issue 13): every command × every kind of bad input.

:func:`make_corpus` writes a class folder of hostile inputs (maps that name files
outside the folder, through ``..``, links, ``/proc``; unclosed braces, floods of
tags, deep data, deep chains, huge numbers, lone surrogates, titles too long to
draw; UTF-16, Latin-1, binary, empty, FIFOs, folders, devices; AIF with duplicate
keys or hostile nesting, XML bombs and external entities; damaged, foreign, huge
and non-file annotation files) beside a folder of secrets.  :func:`cases` pairs
them with every command, including outputs aimed at inputs.

The property, for each case: the command ends within :data:`BOUND` seconds with
exit 0, 1 or 2 and no traceback; nothing it prints or writes holds a byte of the
secrets (or of ``/etc/passwd``); no input file changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from argmap.cli import main

#: Seconds any one command may take on any input of the corpus.
BOUND = 30.0
TOKEN = "SECRET-c0ffee42"
SECRET_TEXT = f"{TOKEN} grades: Ana A, Ben C.\n\n{TOKEN} password hunter2 {TOKEN}\n"
PASSWD_MARK = "root:x:0:0"

TEXT = (
    "Russia and Iran are reeling under heavy international sanctions.\n\n"
    "Their partnership is one of convenience, not conviction. Deeds show motives.\n"
)

GOOD = (
    "===\ntitle: Good\nsource: text.txt\n===\n\n"
    "[T]: A partnership of convenience. #thesis\n"
    "  + [E]: Sanctions push them together. #evidence "
    '{quote: "reeling under heavy international sanctions"}\n'
    "  - [O]: They share goals.\n"
    "    - [R]: Only some. #rebuttal\n"
)


def _map(source: str | None, body: str) -> str:
    front = f"===\nsource: {source}\n===\n\n" if source is not None else ""
    return front + body


def _quoting(quote: str) -> str:
    return f'[T]: Thesis. #thesis\n  + [E]: Evidence. #evidence {{quote: "{quote}"}}\n'


def _chain(n: int) -> str:
    parts = ["[S0]: The end of the chain. #thesis"]
    parts += [f"[S{i}]: Step {i}.\n  +> [S{i - 1}]" for i in range(1, n)]
    return "\n\n".join(parts) + "\n"


def _annotations(extra_added: int = 0, *, learner: str = "Ana") -> bytes:
    from argmap.annotations import Annotations, dumps
    from argmap.checking.load import check_text

    m = check_text(GOOD).map
    doc = json.loads(dumps(Annotations.new(learner, m).with_judgement("[T]", "accept")))
    doc["added"] = [
        {
            "id": f"added-{k}",
            "kind": "objection",
            "target": "[T]" if k == 1 else f"added-{k - 1}",
            "text": "no",
        }
        for k in range(1, extra_added + 1)
    ]
    return json.dumps(doc).encode()


@dataclass(frozen=True)
class Corpus:
    root: Path  # holds class/ (the allowed folder), secret/ and out/
    maps: dict[str, Path]  # any readable-format input, by kind
    annotations: dict[str, Path]

    @property
    def folder(self) -> Path:
        return self.root / "class"


def make_corpus(root: Path) -> Corpus:
    """Write the hostile class folder under ``root`` (see the module docstring)."""
    rnd = random.Random(13)
    secret = root / "secret"
    secret.mkdir()
    (secret / "grades-2025.txt").write_text(SECRET_TEXT)
    (secret / "notes.argdown").write_text(f"[{TOKEN}]: {TOKEN} #thesis\n")
    folder = root / "class"
    folder.mkdir()
    (root / "out").mkdir()
    (folder / "text.txt").write_text(TEXT)
    (folder / "one-word.txt").write_text("Sanctions")
    (folder / "wide.txt").write_bytes(TEXT.encode("utf-16"))
    (folder / "texts").mkdir()
    os.mkfifo(folder / "fifo.txt")
    (folder / "link-out.txt").symlink_to(secret / "grades-2025.txt")
    (folder / "secret-dir").symlink_to(secret)
    (folder / "zero.txt").symlink_to("/dev/zero")

    texts: dict[str, str | bytes] = {
        "good": GOOD,
        "misquote-at-end": _map("text.txt", _quoting("convenience not conviction deeds show motives truly")),
        "misquote-one-word": _map("one-word.txt", _quoting("heavy sanctions")),
        "src-parent": _map("../secret/grades-2025.txt", _quoting("grades: Ana")),
        "src-etc-passwd": _map("../../../../../../../../etc/passwd", _quoting("root")),
        "src-proc-environ": _map("../../../../../../../proc/self/environ", _quoting("PATH")),
        "src-absolute": _map("/etc/passwd", _quoting("root")),
        "src-link-out": _map("link-out.txt", _quoting("grades: Ana")),
        "src-link-dir": _map("secret-dir/grades-2025.txt", _quoting("password")),
        "src-did-you-mean": _map("../secret/grades-2025.tx", _quoting("x")),
        "src-long-name": _map("n" * 300 + ".txt", _quoting("x")),
        "src-fifo": _map("fifo.txt", _quoting("x")),
        "src-dev-zero": _map("zero.txt", _quoting("x")),
        "src-folder": _map("texts", _quoting("x")),
        "src-utf16": _map("wide.txt", _quoting("heavy")),
        "src-web": _map("https://example.org/text.txt", _quoting("x")),
        "unclosed-braces": "[A]: a " + "{" * 1500 + "\n",
        "unclosed-quote-data": '[B]: y {quote: "unclosed\n' * 200,
        "tag-flood": "[T]: t #thesis " + " ".join(f"#t{k}" for k in range(5_000)) + "\n",
        "deep-data": "[D]: d " + "{a: " * 500 + "1" + "}" * 500 + "\n",
        "long-number": "[N]: n {n: " + "9" * 5000 + "}\n",
        "lone-surrogate-data": '[S]: s {q: "\\ud800"}\n',
        "lone-surrogate-front": '===\ntitle: "\\udfff"\n===\n\n[T]: t #thesis\n',
        "title-too-long": "[T]: " + "word " * 3500 + "#thesis\n",
        "title-17000": "[" + "x" * 17_000 + "]: t #thesis\n",
        "deep-chain": _chain(300),
        "deep-chain-100": _chain(100),
        "many-siblings": "[T]: t #thesis\n" + "".join(f"  + [C{k}]: c{k}\n" for k in range(800)),
        "mentions-flood": "[T]: " + " ".join("@[T]" for _ in range(3000)) + " #thesis\n",
        "empty": "",
        "only-front-matter": "===\nsource: text.txt\n===\n",
        "crlf-bom": "\ufeff" + GOOD.replace("\n", "\r\n"),
        "control-chars": "[T]: a\x00b\x07c\x1b[31m #thesis\n",
        "html-and-dot": '[T]: <script>alert(1)</script> "]; evil [label="x #thesis\n',
        "utf16-map": GOOD.encode("utf-16"),
        "utf16le-map": GOOD.encode("utf-16-le"),
        "latin1-map": "[T]: café crème #thesis\n".encode("latin-1"),
        "binary": bytes(rnd.randrange(256) for _ in range(4096)),
        "aif-duplicate-keys.json": '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], '
        '"edges": [], "nodes": []}',
        "aif-lone-surrogate.json": '{"nodes": [{"nodeID": "1", "type": "I", "text": "\\ud800"}], '
        '"edges": []}',
        "aif-deep.json": '{"nodes": ' + "[" * 2000 + "]" * 2000 + ', "edges": []}',
        "aif-long-number.json": '{"nodes": [{"nodeID": '
        + "9" * 5000
        + ', "type": "I", "text": "a"}], "edges": []}',
        "aif-url-text.json": json.dumps(
            {
                "nodes": [
                    {
                        "nodeID": "1",
                        "type": "I",
                        "text": "(see https://example.org/study) shows #tag [X] {y}",
                    },
                    {"nodeID": "2", "type": "I", "text": "Claim\nwith a newline"},
                    {"nodeID": "3", "type": "RA", "text": "Default Inference"},
                ],
                "edges": [
                    {"edgeID": "1", "fromID": "1", "toID": "3"},
                    {"edgeID": "2", "fromID": "3", "toID": "2"},
                ],
            }
        ),
        "aif-not-object.json": "[1, 2, 3]",
        "sadface-garbage.sadface.json": '{"nodes": "nope", "edges": 7}',
        "xml-billion-laughs.xml": (
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><arggraph id="x"><edu id="e1">&c;</edu></arggraph>'
        ),
        "xml-external-entity.xml": (
            f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY s SYSTEM "file://{secret}/grades-2025.txt">]>'
            '<arggraph id="x"><edu id="e1">&s;</edu></arggraph>'
        ),
        "xml-deep.xml": "<arggraph>" + "<x>" * 3000 + "</x>" * 3000 + "</arggraph>",
    }
    maps: dict[str, Path] = {}
    for kind, content in texts.items():
        name = kind if "." in kind else f"{kind}.argdown"
        p = folder / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8", errors="surrogatepass")
        maps[kind] = p
    huge = folder / "huge.argdown"
    with open(huge, "wb") as f:
        f.truncate(3 * 1024 * 1024)  # sparse: over the 2 MB cap
    maps["huge"] = huge
    os.mkfifo(folder / "fifo.argdown")
    maps["fifo-map"] = folder / "fifo.argdown"
    (folder / "folder.argdown").mkdir()
    maps["folder-map"] = folder / "folder.argdown"
    maps["missing"] = folder / "missing.argdown"
    maps["dev-zero"] = Path("/dev/zero")

    annotations: dict[str, Path] = {}
    for kind, data in {
        "ann-good": _annotations(),
        "ann-many-added": _annotations(3000),
        "ann-garbage": b"{not json",
        "ann-utf16": _annotations().decode().encode("utf-16"),
        "ann-foreign": _annotations().replace(b"sha256:", b"sha256:00"),
        "ann-deep": b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        "ann-surrogate": b'{"format": "argmap-annotations", "version": 1, "learner": "\\ud800"}',
    }.items():
        p = folder / f"{kind}.json"
        p.write_bytes(data)
        annotations[kind] = p
    os.mkfifo(folder / "ann-fifo.json")
    annotations["ann-fifo"] = folder / "ann-fifo.json"
    (folder / "ann-folder.json").mkdir()
    annotations["ann-folder"] = folder / "ann-folder.json"
    return Corpus(root, maps, annotations)


#: Inputs too big to lay out with Graphviz in a test's time (they are drawn as DOT text).
_NO_LAYOUT = {"deep-chain", "many-siblings", "tag-flood", "mentions-flood"}
#: Inputs a handout (WeasyPrint, about a second each) is made from.
_HANDOUT = {
    "good",
    "misquote-at-end",
    "src-parent",
    "src-link-out",
    "src-proc-environ",
    "deep-chain-100",  # a handout of the 300-level chain takes about 100 s (issue 13, item 7)
    "crlf-bom",
}


def cases(c: Corpus) -> Iterator[tuple[str, list[str]]]:
    """``(id, argv)`` for every command × input; outputs go to ``out/`` unless the
    case aims an output at an input on purpose."""
    out = c.root / "out"
    good = str(c.maps["good"])
    for kind, path in c.maps.items():
        p = str(path)
        o = str(out / kind.replace(".", "-"))
        argdown = kind.endswith(".json") is False and kind.endswith(".xml") is False
        yield f"check/{kind}", ["check", p]
        if kind in _NO_LAYOUT:
            yield f"render-dot/{kind}", ["render", p, "-o", o + ".dot"]
        else:
            yield f"render-svg/{kind}", ["render", p, "-o", o + ".svg"]
        yield f"outline/{kind}", ["outline", p, "-o", o + ".md"]
        yield f"convert/{kind}", ["convert", p, "-o", o + (".aif.json" if argdown else ".argdown")]
        if argdown:
            yield f"compare/{kind}", ["compare", p, good]
        if kind in _HANDOUT:
            yield f"handout/{kind}", ["handout", p, "-o", o + ".pdf"]
        if path.is_file() and path.parent == c.folder:  # outputs aimed at the input itself
            yield f"outline-onto-input/{kind}", ["outline", p, "-o", p]
            yield f"render-onto-input/{kind}", ["render", p, "-o", p, "--format", "svg"]
            yield f"convert-onto-input/{kind}", ["convert", p, "-o", p]
    for kind in ("good", "src-parent", "src-link-out", "binary", "aif-url-text.json"):
        yield f"check-json/{kind}", ["check", "--format", "json", str(c.maps[kind])]
    for kind, path in c.annotations.items():
        a = str(path)
        yield (
            f"render-annotations/{kind}",
            ["render", good, "--annotations", a, "-o", str(out / f"{kind}.svg")],
        )
        yield f"seminar/{kind}", ["seminar", "--map", good, a, str(c.annotations["ann-good"])]
        yield f"seminar-agenda-onto-learner/{kind}", ["seminar", "--map", good, "--agenda", a, a]
        yield f"handout-onto-annotations/{kind}", ["handout", good, "--annotations", a, "-o", a]
    some = [str(p) for k, p in c.maps.items() if k not in _BIG]
    yield "batch/check", ["check", *some]
    yield "batch/render", ["render", *some, "--out-dir", str(out / "batch-render")]
    yield "batch/convert", ["convert", *some, "--out-dir", str(out / "batch-convert")]


#: Inputs left out of the batches (each has its own cases), to keep the batches quick.
_BIG = {"tag-flood", "unclosed-braces", "deep-chain", "many-siblings", "mentions-flood"}


class _Timeout(BaseException):
    """Raised by the alarm: not an ``Exception``, so argmap cannot swallow it."""


def _run(argv: list[str]) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()

    def ring(signum: int, frame: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, BOUND * 2)
    start = time.perf_counter()
    try:
        code = main(argv, out, err)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - start


def _digest(folder: Path) -> dict[str, str]:
    """Every input in the class folder (not outputs) by content hash; FIFOs, folders and links by kind."""
    found = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            found[p.name] = "link:" + os.readlink(p)
        elif p.is_fifo():
            found[p.name] = "fifo"
        elif p.is_dir():
            found[p.name] = "dir"
        else:
            found[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def _leaks(text: str | bytes) -> bool:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return TOKEN.encode() in data or PASSWD_MARK.encode() in data or b"hunter2" in data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("hostile"))


def _all_case_ids() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return [case_id for case_id, _ in cases(make_corpus(Path(d)))]


CASE_IDS = _all_case_ids()


def test_the_corpus_has_a_few_hundred_cases() -> None:
    assert len(CASE_IDS) >= 300
    commands = {i.split("/")[0] for i in CASE_IDS}
    assert {"check", "render-svg", "outline", "convert", "compare", "handout", "seminar"} <= commands


@pytest.mark.graphviz
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_hostile_input(corpus: Corpus, case_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if case_id.startswith("handout") or "/ann-" in case_id and "handout" in case_id:
        pytest.importorskip("weasyprint")
    monkeypatch.delenv("ARGMAP_ALLOW", raising=False)
    argv = dict(cases(corpus))[case_id]
    out_dir = corpus.root / "out"
    before_inputs = _digest(corpus.folder)
    before_outputs = {p: p.stat().st_mtime_ns for p in out_dir.rglob("*") if p.is_file()}
    code, out, err, seconds = _run(argv)
    assert code in (0, 1, 2), f"exit {code}\n{err}"
    assert "Traceback" not in out + err, err
    assert seconds < BOUND, f"took {seconds:.1f} s"
    assert not _leaks(out) and not _leaks(err), f"secret in the output:\n{out}\n{err}"
    for p in out_dir.rglob("*"):
        if p.is_file() and before_outputs.get(p) != p.stat().st_mtime_ns:
            assert not _leaks(p.read_bytes()), f"secret written to {p.name}"
    after = _digest(corpus.folder)
    changed = [k for k in before_inputs if after.get(k) != before_inputs[k]]
    assert changed == [], f"inputs changed: {changed}"
    new = sorted(set(after) - set(before_inputs))
    assert new == [], f"files appeared among the inputs: {new}"
