"""`samen kit`: writes every material of a setting, or everything plus a zip; wrong input gives one line,
exit 2, and leaves nothing behind."""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from samen.cli import main
from samen.content import PLATFORMS, load_pack
from samen.render import KITS
from samen.render.kit import MAKERS
from tests.cli.run import samen


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exited:
        code = int(exited.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _english_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMEN_LANG", "en")
    monkeypatch.delenv("SAMEN_BASE_URL", raising=False)
    monkeypatch.delenv("SAMEN_PACK", raising=False)


def test_kit_writes_every_material_of_a_setting_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMEN_BASE_URL", "https://samen.example.org")
    intro = tmp_path / "intro.txt"
    intro.write_text("Vragen? Stuur mij een bericht.\n", encoding="utf-8")
    out = tmp_path / "kit"
    code, stdout, stderr = run(
        ["kit", "--platform", "whatsapp", "--lang", "nl", "--intro-file", str(intro), "--out", str(out)],
        capsys,
    )
    assert code == 0, stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(KITS["whatsapp"]) + 1
    for name in written:
        assert f"{out / name}:" in stdout
    local = load_pack().language("nl")
    assert (
        (out / "1-intro.txt")
        .read_text(encoding="utf-8")
        .startswith("Vragen? Stuur mij een bericht.\n\nWelkom in")
    )
    caption = (out / "2-dos.txt").read_text(encoding="utf-8")
    assert all(do.text in caption for do in local.dos)
    # The QR code leads to this deployment's Do's page, in the kit's language.
    found = zxingcpp.read_barcodes(Image.open(out / "qr.png"))
    assert [f.text for f in found] == ["https://samen.example.org/nl/dos/"]
    assert not [p for p in tmp_path.rglob(".*")]


def test_kit_for_a_lecture_writes_the_slide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(
        ["kit", "--platform", "teams", "--lang", "en", "--out", str(tmp_path / "k")], capsys
    )
    assert code == 0, stderr
    assert (tmp_path / "k" / "slide.pptx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "k" / "card.json").exists()


def test_kit_all_writes_every_setting_in_every_language_and_one_zip(tmp_path: Path) -> None:
    out = tmp_path / "all"
    done = samen("kit", "--all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    pack = load_pack()
    folders = {f"{p}-{lang}" for p in PLATFORMS for lang in pack.languages}
    assert {p.name for p in out.iterdir() if p.is_dir()} == folders
    with zipfile.ZipFile(out / "samen-kit.zip") as archive:
        names = archive.namelist()
        # One folder, so unzipping does not spill fourteen folders where it is opened.
        assert {name.split("/")[0] for name in names} == {"samen-kit"}
        assert {name.split("/")[1] for name in names} == folders
        slide = archive.read("samen-kit/teams-nl/slide.pptx")
        assert slide == (out / "teams-nl" / "slide.pptx").read_bytes()
        poster = Image.open(io.BytesIO(archive.read("samen-kit/whatsapp-en/dos-portrait.png")))
        assert poster.size == (1080, 1920)  # 9:16, the phone-screen shape (docs/kit.md)
    assert "samen-kit.zip" in done.stdout


def test_kit_replaces_an_earlier_kit_in_the_same_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    (out / "1-intro.txt").write_text("old", encoding="utf-8")
    code, _, stderr = run(["kit", "--platform", "telegram", "--out", str(out)], capsys)
    assert code == 0, stderr
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "1-intro.txt").read_text(encoding="utf-8") != "old"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--platform", "myspace", "--lang", "nl"], "Unknown platform 'myspace'"),
        (["--platform", "discord", "--lang", "fr"], "Unknown language 'fr'"),
        (["--platform", "discord", "--intro-file", "MISSING"], "no such file"),
        (["--platform", "discord", "--intro-file", "NOT_UTF8"], "is not UTF-8"),
        (["--platform", "discord", "--intro-file", "FOLDER"], "is a folder"),
        (["--platform", "discord", "--intro-file", "TOO_LONG"], "2000"),
        (["--platform", "discord", "--intro-file", "UTF16"], "control character"),
        (["--platform", "whatsapp", "--group", "werk\ngroep"], "one line"),
        (["--platform", "whatsapp", "--group", "x" * 61], "61 characters"),
        (["--platform", "whatsapp", "--group", "werk\x01groep"], "control character (U+0001)"),
        (["--lang", "nl"], "Choose a platform"),
        (["--all", "--platform", "discord"], "not both"),
    ],
)
def test_wrong_input_gives_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    (tmp_path / "long.txt").write_text("x" * 2500, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "utf16.txt").write_bytes("Hallo groep".encode("utf-16-le"))  # valid UTF-8, full of NULs
    files = {
        "UTF16": tmp_path / "utf16.txt",
        "MISSING": tmp_path / "missing.txt",
        "NOT_UTF8": tmp_path / "bad.txt",
        "FOLDER": tmp_path / "folder",
        "TOO_LONG": tmp_path / "long.txt",
    }
    argv = ["kit", *[str(files.get(a, a)) for a in args], "--out", str(tmp_path / "out")]
    before = sorted(p.name for p in tmp_path.iterdir())
    code, stdout, stderr = run(argv, capsys)
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert says in stderr
    assert "Traceback" not in stderr + stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_out_path_that_is_a_file_or_unwritable_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    code, _, stderr = run(["kit", "--platform", "discord", "--out", str(file)], capsys)
    assert code == 2 and "is a file" in stderr
    code, _, stderr = run(["kit", "--platform", "discord", "--out", str(file / "kit")], capsys)
    assert code == 2 and "cannot write here" in stderr
    assert file.read_text(encoding="utf-8") == "x"
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        code, _, stderr = run(["kit", "--platform", "discord", "--out", str(locked / "kit")], capsys)
        assert code == 2 and "cannot write here" in stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_missing_out_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(["kit", "--platform", "discord"], capsys)
    assert code == 2
    assert stderr.strip() == "Error: Give the folder for the kit with --out."


def test_errors_are_translated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMEN_LANG", "nl")
    code, _, stderr = run(["kit", "--platform", "myspace", "--out", str(tmp_path / "o")], capsys)
    assert code == 2
    assert stderr.strip().startswith("Fout: Onbekend platform 'myspace'")


@pytest.mark.parametrize("everything", [False, True])
def test_a_new_kit_folder_has_the_usual_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], everything: bool
) -> None:
    """The folder came out as drwx------ (the private staging folder, moved into place), so a colleague
    on a shared drive, or the web server meant to publish it, could not open the kit."""
    out = tmp_path / "new" / "kit"
    argv = (
        ["kit", "--all", "--out", str(out)]
        if everything
        else ["kit", "--platform", "teams", "--out", str(out)]
    )
    umask = os.umask(0o022)
    try:
        code, _, _ = run(argv, capsys)
    finally:
        os.umask(umask)
    assert code == 0
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    assert {oct(p.stat().st_mode & 0o777) for p in folders} == {oct(0o755)}
    assert {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()} == {oct(0o644)}


def test_platform_and_language_may_be_written_as_people_write_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--platform WhatsApp --lang NL`` was "Unknown platform 'WhatsApp'", though that is its name."""
    out = tmp_path / "kit"
    code, _, stderr = run(["kit", "--platform", "WhatsApp", "--lang", "NL", "--out", str(out)], capsys)
    assert code == 0, stderr
    intro = (out / "1-intro.txt").read_text(encoding="utf-8")
    assert intro.startswith("Welkom in deze WhatsApp-groep.")
    code, stdout, stderr = run(["dos", "--lang", "EN"], capsys)
    assert code == 0, stderr
    assert load_pack().language("en").dos[0].text in stdout


@pytest.mark.parametrize(("lang", "words"), [("en", "characters shorter"), ("nl", "tekens korter")])
def test_a_too_long_intro_file_says_how_much_shorter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    """It said "discord, message content: 2712 characters is longer than the limit of 2000 characters",
    naming neither the file nor what to do, where the web toolkit says how much shorter to make it."""
    monkeypatch.setenv("SAMEN_LANG", lang)
    intro = tmp_path / "intro.txt"
    intro.write_text("x" * 2500, encoding="utf-8")
    argv = ["kit", "--platform", "discord", "--intro-file", str(intro), "--out", str(tmp_path / "out")]
    code, _, stderr = run(argv, capsys)
    assert code == 2
    (line,) = stderr.strip().splitlines()
    assert str(intro) in line and "2000" in line and words in line
    over = int(re.search(r"(\d+) (?:characters|tekens) (?:shorter|korter)", line).group(1))  # type: ignore[union-attr]
    assert 500 < over < 1000
    assert not (tmp_path / "out").exists()


def test_an_empty_out_is_refused_not_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--out "$KIT"`` with KIT unset spread eleven files over the current folder ("Wrote 11 files to .")."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run(["kit", "--platform", "telegram", "--out", ""], capsys)
    assert code == 2
    assert "--out" in stderr
    assert list(tmp_path.iterdir()) == []


def test_an_endless_intro_file_is_refused_not_read_for_ever(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    code, _, err = run(
        ["kit", "--platform", "whatsapp", "--lang", "nl", "--intro-file", "/dev/zero", "--out", str(out)],
        capsys,
    )
    assert code == 2
    assert err.strip() == "Error: /dev/zero: is larger than 2000 kB; is it the right file?"
    assert not out.exists()


def test_a_too_long_intro_file_names_the_platform_as_people_write_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMEN_LANG", "nl")
    intro = tmp_path / "intro.txt"
    intro.write_text("x" * 2500, encoding="utf-8")
    argv = ["kit", "--platform", "discord", "--intro-file", str(intro), "--out", str(tmp_path / "out")]
    _, _, stderr = run(argv, capsys)
    assert "te lang voor Discord" in stderr and "discord" not in stderr.replace(str(intro), "")


def test_the_read_me_lists_every_contact_and_says_where_the_links_lead(tmp_path: Path) -> None:
    """A teacher passes the kit's read-me on; it must say how to reach each route, and whether the links go
    to the university's campaign page (no SAMEN_BASE_URL) or to the teacher's own samen site."""
    out = tmp_path / "kit"
    done = samen("kit", "--platform", "whatsapp", "--lang", "en", "--out", str(out))  # no SAMEN_BASE_URL
    assert done.returncode == 0, done.stderr
    readme = (out / "README.txt").read_text(encoding="utf-8")
    local = load_pack().language("en")
    for route in local.support:
        assert route.name in readme
        for way in (route.link, route.email):
            if way:
                assert way in readme
    assert f"lead to the university’s campaign page ({local.campaign_url})" in readme
    assert "?cf=" not in readme
    assert local.campaign_url in (out / "2-dos.txt").read_text(encoding="utf-8")


def test_a_group_name_is_for_one_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --all, "deze werkgroep" would have become "Welcome to this deze werkgroep" in English."""
    code, _, stderr = run(["kit", "--all", "--group", "deze werkgroep", "--out", str(tmp_path / "k")], capsys)
    assert code == 2 and "--lang" in stderr
    assert not (tmp_path / "k").exists()
    code, _, stderr = run(
        ["kit", "--platform", "teams", "--lang", "nl", "--group", "Kwak", "--out", str(tmp_path / "b")],
        capsys,
    )
    assert code == 2 and "dit online college" in stderr  # the message gives the pack's name as an example
    code, _, stderr = run(
        [
            "kit",
            "--platform",
            "teams",
            "--lang",
            "nl",
            "--group",
            "dit bestuur",
            "--out",
            str(tmp_path / "c"),
        ],
        capsys,
    )
    assert code == 0, stderr
    assert "Welkom bij dit bestuur." in (tmp_path / "c" / "chat.txt").read_text(encoding="utf-8")


def test_a_new_kit_leaves_the_users_own_files_in_its_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each setting's subfolder was replaced whole: notes kept beside the kit were deleted by the next run."""
    out = tmp_path / "kit"
    (out / "whatsapp-nl").mkdir(parents=True)
    (out / "whatsapp-nl" / "my-notes.txt").write_text("notes", encoding="utf-8")
    (out / "whatsapp-nl" / "1-intro.txt").write_text("old", encoding="utf-8")
    (out / "mine").mkdir()
    (out / "mine" / "thesis.docx").write_text("x", encoding="utf-8")
    code, _, stderr = run(["kit", "--all", "--out", str(out)], capsys)
    assert code == 0, stderr
    assert (out / "whatsapp-nl" / "my-notes.txt").read_text(encoding="utf-8") == "notes"
    assert (out / "mine" / "thesis.docx").read_text(encoding="utf-8") == "x"
    assert (out / "whatsapp-nl" / "1-intro.txt").read_text(encoding="utf-8").startswith("Welkom")
    assert not [p for p in out.rglob(".*")]  # no hidden half-files left


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_folder_where_a_kit_file_goes_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A folder named qr.png was deleted with the file inside it."""
    monkeypatch.setenv("SAMEN_LANG", lang)
    out = tmp_path / "k"
    (out / "qr.png").mkdir(parents=True)
    (out / "qr.png" / "thesis.docx").write_text("x", encoding="utf-8")
    code, _, stderr = run(["kit", "--platform", "whatsapp", "--out", str(out)], capsys)
    assert code == 2
    (line,) = stderr.strip().splitlines()
    assert str(out / "qr.png") in line
    assert ("is a folder where the kit writes a file" if lang == "en" else "is een map op de plek") in line
    assert (out / "qr.png" / "thesis.docx").read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in out.rglob("*")) == ["qr.png", "thesis.docx"]
    # A file where --all makes a setting's folder, likewise.
    (tmp_path / "all").mkdir()
    (tmp_path / "all" / "teams-en").write_text("mine", encoding="utf-8")
    code, _, stderr = run(["kit", "--all", "--out", str(tmp_path / "all")], capsys)
    assert code == 2 and str(tmp_path / "all" / "teams-en") in stderr
    assert [p.name for p in (tmp_path / "all").iterdir()] == ["teams-en"]


def test_a_failed_write_leaves_the_folder_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk halfway through: no kit file is replaced, no hidden file or new folder stays behind."""
    out = tmp_path / "kit"
    out.mkdir()
    (out / "1-intro.txt").write_text("old", encoding="utf-8")
    real_fdopen = os.fdopen
    opened: list[int] = []

    def fill_up(fd: int, *args: object, **kwargs: object) -> object:
        opened.append(fd)
        if len(opened) == 5:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", fill_up)
    code, _, stderr = run(["kit", "--all", "--out", str(out)], capsys)
    assert code == 2 and "No space left on device" in stderr
    assert sorted(p.name for p in out.rglob("*")) == ["1-intro.txt"]
    assert (out / "1-intro.txt").read_text(encoding="utf-8") == "old"


def test_every_file_is_renamed_within_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kit was built in a folder beside --out and renamed into it: at the top of a USB stick or a
    network share that crosses file systems ("Invalid cross-device link"). Renames now stay in one folder."""
    real_replace = os.replace
    moves: list[tuple[Path, Path]] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        moves.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, _, stderr = run(["kit", "--all", "--out", str(tmp_path / "kit")], capsys)
    assert code == 0, stderr
    assert len(moves) == 139
    assert all(src.parent == dst.parent for src, dst in moves)


def test_the_top_of_another_file_system_takes_a_kit(capsys: pytest.CaptureFixture[str]) -> None:
    """``--out /dev/shm`` (a mount of its own, like a USB stick) said "cannot write here"."""
    top = Path("/dev/shm")
    if not top.is_dir() or top.stat().st_dev == top.parent.stat().st_dev or not os.access(top, os.W_OK):
        pytest.skip("/dev/shm is no writable file system of its own here")
    names = ["LEESMIJ.txt", "README.txt", *(MAKERS[ident][0] for ident in KITS["whatsapp"])]
    if any((top / name).exists() for name in ("1-intro.txt", "qr.png", "LEESMIJ.txt")):
        pytest.skip("/dev/shm already holds files with the kit's names")
    try:
        code, _, stderr = run(["kit", "--platform", "whatsapp", "--lang", "nl", "--out", str(top)], capsys)
        assert code == 0, stderr
        assert (top / "1-intro.txt").read_text(encoding="utf-8").startswith("Welkom")
        assert not list(top.glob(".*.part"))
    finally:
        for name in names:
            with contextlib.suppress(OSError):
                (top / name).unlink()


@pytest.mark.parametrize(
    ("argv", "lang", "says"),
    [
        (["--lang", "nl", "--group", "this seminar"], "en", "‘this’, an article of another language"),
        (["--lang", "en", "--group", "deze werkgroep"], "nl", "‘deze’, een lidwoord uit een andere taal"),
        (["--lang", "nl", "--group", "deze"], "nl", "Schrijf de naam van de groep na ‘deze’"),
    ],
)
def test_a_group_name_that_does_not_fit_the_kit_s_language_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    lang: str,
    says: str,
) -> None:
    """ "Welkom bij dit this seminar", "Welcome to this deze werkgroep", "Welkom in deze."."""
    monkeypatch.setenv("SAMEN_LANG", lang)
    out = tmp_path / "k"
    code, _, stderr = run(["kit", "--platform", "teams", *argv, "--out", str(out)], capsys)
    assert code == 2
    (line,) = stderr.strip().splitlines()
    assert says in line
    assert not out.exists()
