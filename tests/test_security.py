"""Classroom files are untrusted (issue 13): every path read stays in its folder,
no output replaces an input, no traceback, no hang on a FIFO or a device."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.checking.load import check
from argmap.checking.source import ALLOW_ENV, SourceError, allowing, resolve_source
from argmap.cli import exit_code, main
from argmap.errors import OutputError, ReadError
from argmap.files import atomic_write, guard, read_bytes, write_output
from hang import finishes

SECRET = "TOPSECRET-7f3a9c TOPSECRET-7f3a9c TOPSECRET-7f3a9c"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _no_allowed_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A class folder with a map and its text, and a secret file beside the folder."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "grades-2025.txt").write_text(f"Ana: {SECRET}\n\nBen: {SECRET}\n")
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "text.txt").write_text("Cats sleep all day. Dogs bark at night.\n")
    return cls


def quoting(cls: Path, source: str, quote: str = "Ana TOPSECRET-7f3a9c", name: str = "m.argdown") -> Path:
    p = cls / name
    p.write_text(
        f"===\nsource: {source}\n===\n\n[T]: Thesis. #thesis\n"
        f'  + [E]: Evidence. #evidence {{quote: "{quote}"}}\n'
    )
    return p


# -- paths read ----------------------------------------------------------------------------------

OUTSIDE = [
    "../secret/grades-2025.txt",
    "../../../../../../../../etc/passwd",
    "sub/../../secret/grades-2025.txt",
    "../../../../../../proc/self/environ",
]


@pytest.mark.parametrize(
    "source", OUTSIDE, ids=["sibling-folder", "etc-passwd", "dotdot-inside", "proc-environ"]
)
def test_a_source_outside_the_map_folder_is_refused_and_shown_nothing_of(room: Path, source: str) -> None:
    p = quoting(room, source)
    report = check(p)
    codes = [d.code for d in report.errors]
    assert codes == ["source-outside-folder"]
    assert report.errors[0].location.line == 2  # the front matter's source: line
    text = report.format()
    assert "TOPSECRET" not in text and "root:" not in text and "grades-2025.txt?" not in text


def test_a_link_in_the_folder_pointing_outside_is_refused(room: Path) -> None:
    (room / "notes.txt").symlink_to(room.parent / "secret" / "grades-2025.txt")
    report = check(quoting(room, "notes.txt"))
    assert [d.code for d in report.errors] == ["source-outside-folder"]
    assert "link" in report.errors[0].message and "TOPSECRET" not in report.format()


def test_a_link_inside_the_folder_is_followed(room: Path) -> None:
    (room / "alias.txt").symlink_to(room / "text.txt")
    report = check(quoting(room, "alias.txt", "Dogs bark at night"))
    assert report.ok, report.format()


def test_did_you_mean_only_names_files_inside(room: Path) -> None:
    report = check(quoting(room, "../secret/grades-2025.tx"))
    assert "grades" not in (report.errors[0].hint or "")
    report = check(quoting(room, "txet.txt"))
    assert [d.code for d in report.errors] == ["source-not-found"]
    assert "did you mean text.txt?" in (report.errors[0].hint or "")


def test_an_outside_file_is_not_probed(room: Path) -> None:
    """Whether a file exists outside is not told: the same message either way."""
    a = check(quoting(room, "../secret/grades-2025.txt")).errors[0].message
    b = check(quoting(room, "../secret/nothing-here.txt")).errors[0].message
    assert a.replace("grades-2025", "X") == b.replace("nothing-here", "X")


@pytest.mark.parametrize("how", ["option", "setting"])
def test_a_folder_of_texts_can_be_allowed(room: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    texts = room.parent / "texts"
    texts.mkdir()
    (texts / "op-ed.txt").write_text("The partnership is one of convenience.\n")
    p = quoting(room, "../texts/op-ed.txt", "one of convenience")
    assert run("check", str(p))[0] == 1
    if how == "option":
        code, out, err = run("check", "--allow", str(texts), str(p))
    else:
        monkeypatch.setenv(ALLOW_ENV, str(texts))
        code, out, err = run("check", str(p))
    assert code == 0, out + err
    # the allowed folder opens only itself: the secret beside it stays closed
    assert run("check", "--allow", str(texts), str(quoting(room, "../secret/grades-2025.txt")))[0] == 1


def test_the_closest_passage_never_comes_from_outside(room: Path) -> None:
    code, out, err = run("check", str(quoting(room, "../secret/grades-2025.txt", "Ana TOPSECRET")))
    assert code == 1 and "TOPSECRET-7f3a9c" not in out + err


@pytest.mark.graphviz
def test_handout_prints_nothing_from_outside(room: Path) -> None:
    pytest.importorskip("weasyprint")
    p = quoting(room, "../secret/grades-2025.txt")
    out = room / "h.pdf"
    code, _, err = run("handout", str(p), "-o", str(out))
    assert code == 1 and not out.exists()
    assert "source-outside-folder" in err


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_a_very_long_source_name_is_a_located_error(room: Path, length: int) -> None:
    report = check(quoting(room, "a" * length + ".txt"))
    assert [d.code for d in report.errors] in (["source-not-found"], ["source-unreadable"])
    assert report.errors[0].location.line == 2


def test_resolve_source_refuses_absolute_and_web_names(room: Path) -> None:
    for name, code in [
        ("/etc/passwd", "source-unreadable"),
        ("C:\\texts\\a.txt", "source-unreadable"),
        ("https://example.org/a.txt", "source-unreadable"),
        ("", "source-not-found"),
    ]:
        with pytest.raises(SourceError) as info:
            resolve_source(name, room)
        assert info.value.code == code
    with allowing([room.parent]):
        assert resolve_source("../secret/grades-2025.txt", room).name == "grades-2025.txt"


# -- files that are not files ---------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    p = tmp_path / "pipe.argdown"
    os.mkfifo(p)
    return p


def test_a_fifo_is_refused_without_waiting(fifo: Path) -> None:
    code, out, err = finishes(lambda: run("check", str(fifo)), "argmap check on a FIFO")
    assert code == 1 and "pipe" in out + err


def test_a_fifo_as_annotation_file_is_refused(tmp_path: Path, fifo: Path) -> None:
    m = tmp_path / "m.argdown"
    m.write_text("[T]: t #thesis\n")
    code, _, err = run("render", str(m), "-o", str(tmp_path / "m.dot"), "--annotations", str(fifo))
    assert code == 1 and "pipe" in err


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_before_reading(path: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"no {path}")
    code, out, err = run("check", path)
    assert code == 1 and "a device" in out + err


def test_a_folder_is_refused(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path))
    assert code == 1 and "is a folder" in out + err


def test_a_source_text_that_is_a_fifo_is_refused(room: Path) -> None:
    os.mkfifo(room / "live.txt")
    report = check(quoting(room, "live.txt"))
    assert [d.code for d in report.errors] == ["source-unreadable"]
    assert "pipe" in report.errors[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_named(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "m.argdown"
    p.write_bytes("[T]: A thesis with enough words to tell. #thesis\n".encode(encoding))
    report = check(p)
    (d,) = report.errors
    wide = "UTF-32" if "32" in encoding else "UTF-16"
    assert d.code == "syntax-error" and f"this is {wide}; save it as UTF-8" in (d.hint or "")


def test_utf16_source_text_is_named(room: Path) -> None:
    (room / "wide.txt").write_bytes("Cats sleep all day.".encode("utf-16"))
    report = check(quoting(room, "wide.txt", "Cats sleep"))
    assert "UTF-16" in report.errors[0].message


def test_read_bytes_stops_at_the_limit_of_a_growing_file(tmp_path: Path) -> None:
    p = tmp_path / "big.argdown"
    p.write_bytes(b"x" * 100)
    from argmap.errors import MapError

    with pytest.raises(MapError):
        read_bytes(p, limit=99)
    with pytest.raises(ReadError, match="no such file"):
        read_bytes(tmp_path / "nope", limit=10)


# -- outputs never replace inputs ------------------------------------------------------------------


@pytest.fixture
def cls(tmp_path: Path) -> Path:
    (tmp_path / "text.txt").write_text("Cats sleep all day.\n")
    (tmp_path / "m.argdown").write_text(
        "===\nsource: text.txt\n===\n\n[T]: Cats are lazy. #thesis\n"
        '  + [E]: Sleep. #evidence {quote: "Cats sleep"}\n'
    )
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "argv",
    [
        ["outline", "{m}", "-o", "{m}"],
        ["outline", "{m}", "-o", "{d}/text.txt"],
        ["render", "{m}", "-o", "{m}", "--format", "svg"],
        ["render", "{m}", "-o", "{m}", "--format", "dot"],
        ["render", "{m}", "-o", "{d}/text.txt"],
        ["handout", "{m}", "-o", "{m}"],
        ["handout", "{m}", "-o", "{d}/text.txt"],
        ["convert", "{m}", "-o", "{m}"],
        ["outline", "{m}", "-o", "{d}/hard.md"],
    ],
    ids=[
        "outline-onto-map",
        "outline-onto-source",
        "render-svg-onto-map",
        "render-dot-onto-map",
        "render-onto-source",
        "handout-onto-map",
        "handout-onto-source",
        "convert-onto-map",
        "outline-onto-a-hard-link-of-the-map",
    ],
)
def test_no_output_replaces_an_input(cls: Path, argv: list[str]) -> None:
    os.link(cls / "m.argdown", cls / "hard.md")
    before = _snapshot(cls)
    code, out, err = run(*(a.format(m=cls / "m.argdown", d=cls) for a in argv))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _snapshot(cls) == before


def test_seminar_never_writes_over_a_learner_file(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    learners = sorted((root / "examples" / "seminar").glob("*.json"))
    import shutil

    for f in learners:
        shutil.copy(f, tmp_path / f.name)
    copies = sorted(tmp_path.glob("*.json"))
    before = _snapshot(tmp_path)
    case = root / "notebooks" / "russia-iran.argdown"
    # the slip of `--agenda *.json`: the agenda would land on the first learner file
    code, _, err = run("seminar", "--map", str(case), "--agenda", str(copies[0]), *map(str, copies[1:]))
    assert code == 2 and "must end in .md" in err
    code, _, err = run("seminar", "--map", str(case), "--agenda", str(tmp_path / "x.md"), *map(str, copies))
    assert code == 0, err
    assert {k: v for k, v in _snapshot(tmp_path).items() if k != "x.md"} == before
    code, _, err = run("seminar", "--map", str(case), "-o", str(tmp_path / "class.json"), *map(str, copies))
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_atomic_write_outside_a_guard_may_replace(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text("old")
    read_bytes(p, limit=10)  # no guard: a library caller saving a file it loaded
    atomic_write(p, b"new")
    assert p.read_text() == "new"
    with guard():
        read_bytes(p, limit=10)
        with pytest.raises(OutputError):
            atomic_write(p, b"newer")
    assert p.read_text() == "new"


def test_a_full_disk_keeps_the_old_file(cls: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = cls / "outline.md"
    out.write_text("the old outline")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run("outline", str(cls / "m.argdown"), "-o", str(out))
    assert code == 1 and "the disk is full" in err and len(err.strip().splitlines()) == 1
    assert out.read_text() == "the old outline"
    assert [p.name for p in cls.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("name", "words"),
    [("folder.svg", "is a folder"), ("x" * 300 + ".svg", "too long"), ("missing/dir/", "must end in")],
    ids=["a-folder", "name-too-long", "no-file-name"],
)
def test_bad_outputs_are_one_line_usage_errors(cls: Path, name: str, words: str) -> None:
    (cls / "folder.svg").mkdir()
    code, _, err = run("render", str(cls / "m.argdown"), "-o", str(cls / name), "--format", "svg")
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_a_read_only_place_is_a_one_line_error(cls: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_output("/proc/argmap-test.md", b"x", "markdown")
    assert exit_code(info.value) in (1, 2) and "\n" not in str(info.value)


# -- usage slips ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["render", "{m}", "-o", "{d}/x.dot", "--focus", "Nope"], "nothing in the map is titled"),
        (["render", "{m}", "-o", "{d}/x.dot", "--focus", "Ee"], "did you mean [E]"),
        (["render", "{m}", "-o", "{d}/x.dot", "--focus", "T", "--depth", "-5"], "negative"),
        (["seminar", "--map", "{m}", "--limit", "-1", "{m}"], "negative"),
        (["outline", "{m}", "-o", "{d}/x.svg"], "must end in .md"),
        (["convert", "{m}", "-o", "{d}/x.txt"], "cannot tell the output format"),
        (["render", "{m}", "{m}"], "--out-dir"),
    ],
    ids=[
        "focus-unknown",
        "focus-did-you-mean",
        "depth-negative",
        "limit-negative",
        "outline-ext",
        "convert-ext",
        "two-inputs-one-output",
    ],
)
def test_usage_slips_end_in_one_line_exit_2(cls: Path, argv: list[str], words: str) -> None:
    code, _, err = run(*(a.format(m=cls / "m.argdown", d=cls) for a in argv))
    assert code == 2 and words in err, err
    assert "Traceback" not in err


# -- never a traceback ------------------------------------------------------------------------------


def test_an_unexpected_exception_is_a_bug_report_line(cls: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.cli.common

    def broken(path: object, **options: object) -> object:
        raise IndexError("tuple index out of range")

    monkeypatch.setattr(argmap.cli.common, "check", broken)
    other = cls / "other.argdown"
    other.write_text("[T]: t #thesis\n")
    code, out, err = run("check", str(cls / "m.argdown"), str(other))
    assert code == 1
    assert out.count("this is a bug in argmap; please report it") == 2  # one per file, both tried
    assert "m.argdown" in out and "other.argdown" in out and "Traceback" not in out + err
    with pytest.raises(IndexError):
        run("check", "--debug", str(other))


def test_one_bad_file_does_not_stop_a_batch(cls: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.draw.dot

    real = argmap.draw.dot.to_dot

    def to_dot(m: object, *picture: object, **opts: object) -> str:
        if Path(str(getattr(m, "path", ""))).name == "bad.argdown":
            raise RecursionError("maximum recursion depth exceeded")
        return real(m, *picture, **opts)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap.draw.dot, "to_dot", to_dot)
    (cls / "bad.argdown").write_text("[T]: t #thesis\n")
    (cls / "good.argdown").write_text("[U]: u #thesis\n")
    out_dir = cls / "out"
    code, _, err = run(
        "render",
        str(cls / "bad.argdown"),
        str(cls / "missing.argdown"),
        str(cls / "good.argdown"),
        "--out-dir",
        str(out_dir),
        "--format",
        "dot",
    )
    assert code == 1
    assert "this is a bug in argmap" in err and "no such file" in err and "Traceback" not in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["good.dot"]


def test_check_goes_on_after_an_unreadable_file(cls: Path, fifo: Path) -> None:
    code, out, err = run("check", str(fifo), "/dev/zero", str(cls / "m.argdown"))
    assert code == 1 and "3 files checked" in err


# -- imported files ------------------------------------------------------------------------------------


def test_convert_refuses_duplicate_json_keys(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text(
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "Tax sugar"}],\n "edges": [],\n "nodes": []}'
    )
    code, _, err = run("convert", str(p), "-o", str(tmp_path / "x.argdown"))
    assert code == 1 and '"nodes" twice' in err and "x.json:3:" in err
    assert not (tmp_path / "x.argdown").exists()


# -- Graphviz ---------------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_a_title_too_long_for_graphviz_is_refused_before_it(tmp_path: Path) -> None:
    p = tmp_path / "m.argdown"
    p.write_text("[T]: " + "word " * 3500 + "#thesis\n")
    code, _, err = run("render", str(p), "-o", str(tmp_path / "m.svg"))
    assert code == 1 and "error[text-too-long]" in err and "Graphviz failed" not in err
    assert "m.argdown:1:1" in err


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with open(task / "children") as f:
            found += [int(x) for x in f.read().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] not in "ZX"
    except FileNotFoundError:
        return False


@pytest.mark.graphviz
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_dot_does_not_outlive_a_killed_argmap() -> None:
    """kill -9 of the Python process that started ``dot`` takes ``dot`` with it."""
    edges = "".join(f"n{i} -> n{(i * 7919) % 3000}; n{i} -> n{(i * 104729) % 3000};" for i in range(3000))
    code = "import sys; from argmap.output.export import pipe; pipe(sys.stdin.read(), 'svg', timeout=120)"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE)
    assert child.stdin is not None
    child.stdin.write(f"digraph {{ {edges} }}".encode())
    child.stdin.close()
    dots: list[int] = []
    deadline = time.monotonic() + 20
    while not dots and time.monotonic() < deadline and child.poll() is None:
        dots = _children(child.pid)
        time.sleep(0.05)
    if not dots:
        child.kill()
        pytest.skip("dot finished before it could be watched")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 5
    while any(_alive(d) for d in dots) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(d) for d in dots)


def test_check_json_names_a_file_it_could_not_read(cls: Path) -> None:
    import json

    code, out, _ = run("check", "--format", "json", str(cls / "missing.argdown"), str(cls / "m.argdown"))
    files = json.loads(out)["files"]
    assert code == 1
    assert files[0] == {
        "path": str(cls / "missing.argdown"),
        "failure": f"{cls / 'missing.argdown'}: no such file",
    }
    assert files[1]["path"] == str(cls / "m.argdown") and files[1]["diagnostics"] == []


def test_a_killed_write_leaves_no_temporary_for_long(cls: Path) -> None:
    from argmap.files import STALE_SECONDS

    stale = cls / ".outline.md.abc123.tmp"
    stale.write_text("half an outline")
    fresh = cls / ".outline.md.def456.tmp"  # perhaps another command writing right now
    fresh.write_text("being written")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    code, _, err = run("outline", str(cls / "m.argdown"), "-o", str(cls / "outline.md"))
    assert code == 0, err
    assert not stale.exists() and fresh.exists()
