"""The attacks of issue 20 on `collect`, each re-run on a class made in a temporary
folder: a file cannot speak for another learner, replace another's work, invent
learners or make the agenda discuss what the map lacks; look-alike names are told
apart; one learner's folder cannot stop the class (deep folders, long paths, FIFOs,
links, too many files, a full disk)."""

from __future__ import annotations

import errno
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

import argmap
from argmap.annotations import Annotations, AnnotationStore, dumps, learner_file_name
from argmap.classroom import collect as collect_module
from argmap.classroom.collect import collect, learner_files
from argmap.classroom.seminar import agenda, class_view
from argmap.errors import AnnotationError

MAP = "[T]: A thesis. #thesis\n  + [R]: A reason.\n  - [O]: An objection.\n"


@pytest.fixture
def m(tmp_path: Path) -> argmap.ArgumentMap:
    path = tmp_path / "tiny.argdown"
    path.write_text(MAP, encoding="utf-8")
    return argmap.load(path)


def save_as(home: Path, learner: str, m: argmap.ArgumentMap, name: str | None = None, **judged: str) -> Path:
    """A learner's own save in their home's out folder, through the workbench's store."""
    path = home / "out" / (name or learner_file_name("tiny", learner))
    store = AnnotationStore(path, m, learner=learner)
    for title, judgement in judged.items():
        store.update(
            lambda a, t=title, j=judgement: a.with_judgement(f"[{t}]", j).with_note(f"[{t}]", "mine")
        )
    return path


def forge(path: Path, ann: Annotations) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(ann))
    return path


def test_a_file_cannot_speak_for_another_learner_or_invent_learners(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes = tmp_path / "home"
    # "aaron" is walked before "ana": his forged Ana would have come first
    save_as(homes / "aaron", "Aaron", m, T="accept")
    forge(
        homes / "aaron" / "out" / "ana.annotations.json",
        Annotations.new("Ana", m).with_judgement("[T]", "reject"),
    )
    for k in range(5):
        forge(homes / "aaron" / "out" / f"ghost{k}.annotations.json", Annotations.new(f"Ghost {k}", m))
    save_as(homes / "ana", "Ana", m, T="accept")
    done = collect([homes], tmp_path / "class", m)
    assert sorted(Path(d).name for _, d in done.copied) == sorted(
        learner_file_name("tiny", n) for n in ("Aaron", "Ana")
    )
    assert len(done.refusals) == 6 and all(r.code == "annotation-foreign" for r in done.refusals)
    view = class_view(m, learner_files(tmp_path / "class"))
    assert sorted(view.learners) == ["Aaron", "Ana"]
    assert view.tally("[T]").counts == (2, 0, 0)  # nobody's reject is shown as Ana's
    assert [n.text for n in view.tally("[T]").notes] == ["mine", "mine"]


def test_a_copied_file_saved_later_does_not_replace_the_learners_work(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes, class_dir = tmp_path / "home", tmp_path / "class"
    ana_path = save_as(homes / "ana", "Ana", m, T="accept")
    save_as(homes / "ben", "Ben", m, T="doubt")
    assert len(collect([homes], class_dir, m).copied) == 2
    # Ben copies Ana's file, keeps its id and history, and saves a "later" version in his folder
    copy = homes / "ben" / "out" / ana_path.name
    copy.write_bytes(ana_path.read_bytes())
    store = AnnotationStore(copy, m, learner="Ana")
    store.update(
        lambda a: a.with_judgement("[T]", "reject").with_note("[T]", "Ana says the teacher is wrong")
    )
    done = collect([homes], class_dir, m)
    assert done.copied == () and len(done.refusals) == 1
    # his folder speaks for him, not for Ana (and Ana's work came from her own folder)
    assert "ben" in done.refusals[0].reason and "Ana" in done.refusals[0].reason
    ana = class_view(m, learner_files(class_dir))
    assert ana.tally("[T]").counts == (1, 1, 0) and "teacher is wrong" not in repr(ana.tally("[T]").notes)
    # Ana's own later save still comes through
    AnnotationStore(ana_path, m, learner="Ana").update(lambda a: a.with_judgement("[R]", "doubt"))
    assert [Path(d).name for _, d in collect([homes / "ana"], class_dir, m).copied] == [ana_path.name]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give files to accounts"
)
def test_on_a_hub_the_account_a_file_belongs_to_is_its_learner(m: argmap.ArgumentMap, tmp_path: Path) -> None:
    homes, class_dir = tmp_path / "home", tmp_path / "class"
    real = save_as(homes / "ana", "Ana", m, T="accept")
    os.chown(real, 50001, 50001)
    assert len(collect([homes / "ana" / "out"], class_dir, m).copied) == 1
    fake = forge(homes / "ben" / "out" / "x.annotations.json", Annotations.new("Ana", m))
    ghost = forge(homes / "ben" / "out" / "y.annotations.json", Annotations.new("Ghost", m))
    own = save_as(homes / "ben", "Ben", m, T="reject")
    for p in (fake, ghost, own):
        os.chown(p, 50002, 50002)
    done = collect([homes / "ana" / "out", homes / "ben" / "out"], class_dir, m)
    reasons = " | ".join(r.reason for r in done.refusals)
    assert "account 'uid 50002' hands in work of 3 learners" in reasons, reasons
    assert done.copied == ()  # account uid 50002 is not Ben by name: the teacher decides
    # an account that hands in one file under another name: the class view shows the account
    carl = forge(
        homes / "carl" / "out" / "z.annotations.json",
        Annotations.new("Ana", m).with_judgement("[T]", "reject"),
    )
    os.chown(carl, 50003, 50003)
    done = collect([homes / "carl" / "out"], class_dir, m)
    assert len(done.copied) == 1, done
    shown = class_view(m, learner_files(class_dir)).learners
    assert sorted(shown) == ["Ana (account uid 50001)", "Ana (account uid 50003)"], shown


def test_names_that_look_alike_are_told_apart_and_invisible_ones_are_the_same_learner(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes = tmp_path / "home"
    save_as(homes / "ana", "Ana", m, T="accept")
    save_as(homes / "zoe", "A\u200bna", m, T="reject")  # zero-width space: Ana's name
    save_as(homes / "rtl", "\u202eanA", m, T="reject")  # right-to-left override: Ana's name
    save_as(homes / "\u0430na", "\u0410na", m, T="doubt")  # Cyrillic А: another learner who looks like Ana
    save_as(homes / "weiss", "Weiss", m, T="accept")
    save_as(homes / "weiß", "Weiß", m, T="accept")
    done = collect([homes], tmp_path / "class", m)
    assert len(done.copied) == 4 and len(done.refusals) == 2, done
    assert any("look alike" in n and "CYRILLIC" in n for n in done.notes)
    view = class_view(m, learner_files(tmp_path / "class"))
    assert sorted(view.learners) == sorted(
        ["Ana", "\u0410na (look-alike 2: CYRILLIC+LATIN)", "Weiss", "Weiß"]
    )
    assert [w.code for w in view.warnings] == ["learner-look-alike"]
    assert view.tally("[T]").counts == (3, 1, 0)


def test_a_key_naming_nothing_the_map_has_is_refused_even_with_the_maps_fingerprint(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    forged = Annotations.new("Eve", m)
    forged = replace(forged, nodes={**forged.nodes, "[T] +> [The teacher is wrong]": forged.node("[T]")})
    forged = forged.with_judgement("[T] +> [The teacher is wrong]", "none")
    path = forge(tmp_path / "eve.annotations.json", forged)
    assert forged.fingerprint == argmap.annotations.fingerprint(m) if hasattr(argmap, "annotations") else True
    with pytest.raises(AnnotationError, match="The teacher is wrong"):
        argmap.annotations.load(path, m)
    view = class_view(m, [path])
    assert view.size == 0 and view.refusals[0].code == "annotation-foreign"
    assert not any("teacher" in item.key for item in agenda(view))
    assert collect([path], tmp_path / "class", m).copied == ()


def run_bounded(fn, timeout: float = 60):  # type: ignore[no-untyped-def]
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it does not end."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed to the test's thread
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]


def remove_deep(root: Path) -> None:
    """Remove a folder tree of any depth, without recursion (by descriptors)."""
    stack = [os.open(root, os.O_RDONLY | os.O_DIRECTORY)]
    while stack:
        fd = stack[-1]
        for entry in os.scandir(fd):
            if entry.is_dir(follow_symlinks=False):
                stack.append(os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd))
                break
            os.unlink(entry.name, dir_fd=fd)
        else:
            os.close(stack.pop())
            if stack:
                for entry in os.scandir(stack[-1]):
                    if entry.is_dir(follow_symlinks=False):
                        os.rmdir(entry.name, dir_fd=stack[-1])
                        break


def test_one_learners_folder_cannot_stop_the_class(
    m: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect_module, "MAX_DEPTH", 20)  # deep enough to pass PATH_MAX
    homes = tmp_path / "home"
    save_as(homes / "ana", "Ana", m, T="accept")
    mallory = homes / "mallory" / "out"
    mallory.mkdir(parents=True)
    os.mkfifo(mallory / "pipe.annotations.json")  # a FIFO: opening it would wait for a writer
    (mallory / "link.annotations.json").symlink_to(homes / "ana" / "out" / learner_file_name("tiny", "Ana"))
    # 1,100 folders deep: the old walk recursed once per level
    fd = os.open(mallory, os.O_RDONLY)
    for _ in range(1100):
        os.mkdir("d", dir_fd=fd)
        nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nxt
    os.close(fd)
    # a path longer than PATH_MAX within MAX_DEPTH
    fd = os.open(mallory, os.O_RDONLY)
    for _ in range(18):
        os.mkdir("x" * 250, dir_fd=fd)
        nxt = os.open("x" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nxt
    os.close(os.open("y" * 200 + ".annotations.json", os.O_CREAT | os.O_WRONLY, 0o600, dir_fd=fd))
    os.close(fd)
    save_as(homes / "zed", "Zed", m, T="reject")
    try:
        done = run_bounded(lambda: collect([homes], tmp_path / "class", m))
    finally:
        remove_deep(mallory)  # pytest's own clean-up recurses once per level
    assert sorted(Path(d).name for _, d in done.copied) == sorted(
        learner_file_name("tiny", n) for n in ("Ana", "Zed")
    )
    reasons = {Path(r.path).name[:4]: r.reason for r in done.refusals}
    assert "named pipe" in reasons["pipe"] and "symbolic link" in reasons["link"], reasons
    assert any("MAX_DEPTH" in n for n in done.notes)
    assert any("not searched" in n and "too long" in n for n in done.notes), done.notes


def test_the_workbench_refuses_a_fifo_under_a_learners_file_name(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    path = tmp_path / learner_file_name("tiny", "Ana")
    os.mkfifo(path)
    with pytest.raises(AnnotationError, match="named pipe"):
        run_bounded(lambda: AnnotationStore(path, m, learner="Ana"))


def test_a_learners_file_is_readable_by_its_owner_only(m: argmap.ArgumentMap, tmp_path: Path) -> None:
    path = save_as(tmp_path / "ana", "Ana", m, T="accept")
    assert path.stat().st_mode & 0o777 == 0o600
    done = collect([tmp_path / "ana" / "out"], tmp_path / "class", m)
    copied = Path(done.copied[0][1])
    assert copied.stat().st_mode & 0o777 == 0o600 and copied.parent.stat().st_mode & 0o777 == 0o700
    if hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/usr/bin/python3").exists():
        import shutil
        import subprocess
        import tempfile

        open_dir = Path(tempfile.mkdtemp())  # pytest's own folder is private to root
        try:
            open_dir.chmod(0o755)
            mine = save_as(open_dir / "ana", "Ana", m, T="accept")
            for folder in (open_dir / "ana", open_dir / "ana" / "out"):
                folder.chmod(0o755)  # even with the folders open, the file itself is private
            other = subprocess.run(  # another account tries to read it
                ["/usr/bin/python3", "-I", "-c", f"open({str(mine)!r}, 'rb').read()"],
                user=65534,
                group=65534,
                extra_groups=[],
                capture_output=True,
                text=True,
                cwd="/",
            )
            assert other.returncode != 0 and "PermissionError" in other.stderr, other.stderr
        finally:
            shutil.rmtree(open_dir)


def test_too_many_files_is_said_not_silent(
    m: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect_module, "MAX_COLLECT", 3)
    out = tmp_path / "pile"
    for k in range(5):
        forge(out / f"f{k}.annotations.json", Annotations.new(f"L{k}", m))
    done = collect([out], tmp_path / "class", m)
    assert len(done.copied) == 3 and any("MAX_COLLECT" in n for n in done.notes)


def test_a_full_disk_names_what_was_not_copied_and_what_was(
    m: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    homes = tmp_path / "home"
    for who in ("Ana", "Ben"):
        save_as(homes / who.lower(), who, m, T="accept")
    import argmap.files

    real = argmap.files.atomic_write

    def full(path, data, **kw):  # type: ignore[no-untyped-def]
        if "ben" in Path(path).name:
            raise OSError(errno.ENOSPC, "No space left on device", str(Path(path).with_name(".x.tmp")))
        return real(path, data, **kw)

    monkeypatch.setattr(argmap.files, "atomic_write", full)
    done = collect([homes], tmp_path / "class", m)
    assert [Path(d).name for _, d in done.copied] == [learner_file_name("tiny", "Ana")]
    assert done.failed == ((str(tmp_path / "class" / learner_file_name("tiny", "Ben")), done.failed[0][1]),)
    assert "disk is full" in done.failed[0][1] and ".tmp" not in done.failed[0][1]


def test_the_command_says_what_a_full_disk_kept_and_exits_1(
    m: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import argmap.files
    from argmap.cli import main

    homes = tmp_path / "home"
    for who in ("Ana", "Ben"):
        save_as(homes / who.lower(), who, m, T="accept")
    real = argmap.files.atomic_write

    def full(path, data, **kw):  # type: ignore[no-untyped-def]
        if "ben" in Path(path).name:
            raise OSError(errno.ENOSPC, "No space left on device", str(Path(path).with_name(".ben.x.tmp")))
        return real(path, data, **kw)

    monkeypatch.setattr(argmap.files, "atomic_write", full)
    err = io.StringIO()
    code = main(
        ["collect", str(homes), "--into", str(tmp_path / "class"), "--map", m.path or ""], io.StringIO(), err
    )
    text = err.getvalue()
    assert code == 1 and "not written: the disk is full" in text and ".tmp" not in text, text
    assert f"copied all the same: {learner_file_name('tiny', 'Ana')}" in text


def test_a_learner_collected_from_one_folder_then_with_the_class_is_not_refused(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes, class_dir = tmp_path / "home", tmp_path / "class"
    ana = save_as(homes / "ana", "Ana", m, T="accept")
    save_as(homes / "ben", "Ben", m, T="doubt")
    assert len(collect([homes / "ana" / "out"], class_dir, m).copied) == 1  # her folder alone, first
    AnnotationStore(ana, m, learner="Ana").update(lambda a: a.with_judgement("[R]", "doubt"))
    done = collect([homes / "ana" / "out", homes / "ben" / "out"], class_dir, m)
    assert len(done.copied) == 2 and done.refusals == (), done
    done = collect([homes], class_dir, m)  # the same folders, named from higher up
    assert done.refusals == () and len(done.unchanged) == 2, done


def test_a_folder_that_hands_in_work_under_another_name_is_shown_beside_it(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes = tmp_path / "home"
    forge(
        homes / "ben" / "out" / "a.annotations.json",
        Annotations.new("Ana", m).with_judgement("[T]", "reject"),
    )
    save_as(homes / "chloe", "Chloe", m, T="accept")
    done = collect([homes], tmp_path / "class", m)
    assert len(done.copied) == 2
    assert sorted(class_view(m, learner_files(tmp_path / "class")).learners) == ["Ana (folder ben)", "Chloe"]


def test_a_class_folder_among_the_learners_folders_is_not_collected_again(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes = tmp_path / "home"
    for who in ("Ana", "Ben"):
        save_as(homes / who.lower(), who, m, T="accept")
    assert len(collect([homes], homes / "class", m).copied) == 2
    again = collect([homes], homes / "class", m)
    assert again.refusals == () and len(again.unchanged) == 2, again


def test_a_folder_wide_at_the_depth_limit_gives_a_bounded_report(
    m: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect_module, "MAX_DEPTH", 3)
    homes = tmp_path / "home"
    save_as(homes / "ana", "Ana", m, T="accept")
    for k in range(300):
        (homes / "mallory" / f"d{k}" / "deeper").mkdir(parents=True)
    done = collect([homes], tmp_path / "class", m)
    assert len(done.copied) == 1 and len(done.notes) == collect_module.MAX_NOTES + 1
    assert done.notes[-1].startswith("… and 280 more")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a link to an account"
)
def test_a_learners_link_among_the_folders_given_is_not_followed(
    m: argmap.ArgumentMap, tmp_path: Path
) -> None:
    homes = tmp_path / "home"
    save_as(homes / "ana", "Ana", m, T="accept")
    (homes / "ben" / "argmap").mkdir(parents=True)
    link = homes / "ben" / "argmap" / "out"
    link.symlink_to(homes / "ana" / "out")  # /home/*/argmap/out would name it
    os.lchown(link, 50002, 50002)
    done = collect([link], tmp_path / "class", m)
    assert done.copied == () and any("is a link made by another account" in n for n in done.notes)


def test_a_damaged_record_is_said_and_kept(m: argmap.ArgumentMap, tmp_path: Path) -> None:
    homes, class_dir = tmp_path / "home", tmp_path / "class"
    save_as(homes / "ana", "Ana", m, T="accept")
    class_dir.mkdir()
    (class_dir / ".argmap-collected.json").write_text("{not json", encoding="utf-8")
    done = collect([homes], class_dir, m)
    assert len(done.copied) == 1
    assert any("cannot be read" in n for n in done.notes) and any("not updated" in n for n in done.notes)
    assert (class_dir / ".argmap-collected.json").read_text(encoding="utf-8") == "{not json"
