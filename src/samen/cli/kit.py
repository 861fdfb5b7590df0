"""``samen kit``: write every material of a setting (or of all settings) to a folder.

Everything is rendered first; each file is then written under a hidden name beside its place and renamed
over it, so a wrong input or a full disk never leaves half a file behind, and the user's own files in the
folder are left alone.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path, PurePosixPath

import click

from samen.cli.content import lowercase, pack_option
from samen.cli.output import cli_language
from samen.content import PLATFORMS, Localized, control_character, load_pack, load_strings, platform_name
from samen.content.pack import read_text_file
from samen.errors import InputError, LimitError
from samen.render import Material, build_kit, zip_kit
from samen.settings import load_settings

#: The zip that ``--all`` writes beside the folders; it holds them in one folder of its own name.
ZIP_NAME = "samen-kit.zip"
ZIP_FOLDER = ZIP_NAME.removesuffix(".zip")
#: As long as the web toolkit's form allows (``samen.web.forms.GROUP_KIND_MAX``).
GROUP_KIND_MAX = 60


def _say(key: str, **values: object) -> str:
    return load_strings("render").get(cli_language(), key, **values)


def _input_error(key: str, message: str, **params: object) -> InputError:
    return InputError(message, key=f"render:{key}", **params)


def _read_intro(path: Path | None) -> str:
    if path is None:
        return ""
    text = read_text_file(path).removeprefix("\ufeff").strip()
    # Valid UTF-8 can still be no text: a UTF-16 file without its mark is full of NULs, which no chat shows.
    code = control_character(text)
    if code:
        raise _input_error(
            "kit.intro_control",
            f"{path}: holds a control character ({code}), so it is not plain text.",
            path=str(path),
            code=code,
        )
    return text


def _group(value: str | None) -> str | None:
    """What the admin calls the group, held to the web form's rules: one line, a name and not a paragraph."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if "\n" in value or "\r" in value:
        raise _input_error("kit.group_lines", "Write the name of the group (--group) on one line.")
    code = control_character(value)
    if code:
        raise _input_error(
            "kit.group_control",
            f"The name of the group (--group) holds a control character ({code}), not plain text.",
            code=code,
        )
    if len(value) > GROUP_KIND_MAX:
        raise _input_error(
            "kit.group_long",
            f"The name of the group is {len(value)} characters long; at most {GROUP_KIND_MAX}.",
            length=len(value),
            limit=GROUP_KIND_MAX,
        )
    return value


def _check_out(given: str | None) -> Path:
    # An empty value (``--out "$KIT"`` with KIT unset) is no folder, not the current one.
    if not given:
        raise _input_error("kit.no_out", "Give a folder for the kit with --out.")
    out = Path(given)
    if out.exists() and not out.is_dir():
        raise _input_error("kit.out_is_file", f"{out}: is a file, not a folder.", path=str(out))
    return out


def _unwritable(out: Path, exc: OSError) -> InputError:
    return _input_error(
        "kit.out_unwritable",
        f"{out}: cannot write here ({exc.strerror}).",
        path=str(out),
        reason=exc.strerror or "",
    )


def _in_the_way(out: Path, relatives: list[str]) -> InputError | None:
    """The first of the user's own things that stands where the kit puts a file or a folder, as an error."""
    target = out.resolve()
    folders: set[PurePosixPath] = set()
    for relative in relatives:
        parts = PurePosixPath(relative)
        folders.update(parts.parents[:-1])
        if (target / parts).is_dir() and not (target / parts).is_symlink():
            return _input_error(
                "kit.folder_in_the_way",
                f"{out / parts}: is a folder where the kit writes a file. Move or rename it and try again; "
                "nothing was written.",
                path=str(out / parts),
            )
    for folder in sorted(folders):
        if (target / folder).exists() and not (target / folder).is_dir():
            return _input_error(
                "kit.file_in_the_way",
                f"{out / folder}: is a file where the kit makes a folder. Move or rename it and try again; "
                "nothing was written.",
                path=str(out / folder),
            )
    return None


def _make_folder(path: Path, made: list[Path]) -> None:
    """Make ``path`` and its missing parents, noting each one made (to take away again after a failure)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir()
        made.append(folder)


def _write(out: Path, files: list[tuple[str, bytes]]) -> None:
    """Put the kit's files (relative paths) in ``out``, each in one step, and leave everything else alone.

    Every file is first written in full under a hidden name in its own folder and only then renamed over
    its place: a rename in one folder stays on one file system (``out`` may be the top of a USB stick or a
    network share) and replaces a file at once. A failure before the renames takes away the hidden files
    and any folder this run made, so it leaves the folder as it was; the user's own files and folders are
    never moved or deleted. A folder where a kit file goes (or a file where a kit folder goes) is refused
    before anything is written.
    """
    target = out.resolve()
    blocked = _in_the_way(out, [relative for relative, _ in files])
    if blocked is not None:
        raise blocked
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        try:
            _make_folder(target, made)
            for relative, data in files:
                destination = target / relative
                _make_folder(destination.parent, made)
                hidden = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.part")
                # os.open with 0o666 keeps the user's umask (mkstemp's files would be private, 0600).
                handle = os.open(hidden, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                staged.append((hidden, destination))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
        except BaseException:
            for hidden, _ in staged:
                hidden.unlink(missing_ok=True)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        for hidden, destination in staged:
            os.replace(hidden, destination)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    finally:
        for hidden, _ in staged:
            hidden.unlink(missing_ok=True)


def _kit(
    local: Localized, platform: str, admin_text: str, group: str | None, intro_file: Path | None
) -> list[Material]:
    dos_url = load_settings().dos_url(local.code, local.campaign_url)
    try:
        return build_kit(local, platform, dos_url=dos_url, admin_text=admin_text, group=group)
    except LimitError as exc:
        if intro_file is None or not admin_text or exc.unit != "characters":
            raise
        try:  # is it the admin's own words? (a pack text that is too long is the pack's problem)
            build_kit(local, platform, dos_url=dos_url, admin_text="", group=group)
        except LimitError:
            raise exc from None
        # It is: say so, and by how much, as the web toolkit does.
        raise _input_error(
            "kit.intro_too_long",
            f"{intro_file}: your text is too long for {exc.platform}.",
            path=str(intro_file),
            platform=platform_name(exc.platform, cli_language()),
            length=exc.length,
            limit=exc.limit,
            over=exc.length - exc.limit,
        ) from None


@click.command()
@click.option("--platform", default=None, callback=lowercase, help=f"One of: {', '.join(PLATFORMS)}.")
@click.option(
    "--lang", default=None, callback=lowercase, help="Language code, such as nl or en (default: the pack's)."
)
@click.option(
    "--group",
    "--group-kind",
    "group",
    default=None,
    help='The group as it fits "Welcome to …": "deze werkgroep", "dit bestuur", "this seminar".',
)
@click.option(
    "--intro-file",
    type=click.Path(path_type=Path),
    default=None,
    help="A UTF-8 text file with your own words; they open the welcome message.",
)
@click.option("--out", type=click.Path(), default=None, help="The folder to write the kit to.")
@click.option("--all", "everything", is_flag=True, help="Every setting in every language, plus one zip.")
@pack_option
def kit(
    platform: str | None,
    lang: str | None,
    group: str | None,
    intro_file: Path | None,
    out: str | None,
    everything: bool,
    pack_path: Path | None,
) -> None:
    """Write every material of a setting to a folder (or of every setting with --all)."""
    if everything and platform:
        raise _input_error("kit.all_and_platform", "Choose --platform or --all, not both.")
    if not everything and not platform:
        raise _input_error(
            "kit.no_platform",
            f"Choose a platform with --platform ({', '.join(PLATFORMS)}), or --all.",
            choices=", ".join(PLATFORMS),
        )
    if platform and platform not in PLATFORMS:
        raise _input_error(
            "unknown_platform",
            f"Unknown platform {platform!r}; choose from {', '.join(PLATFORMS)}.",
            platform=platform,
            choices=", ".join(PLATFORMS),
        )
    group = _group(group)
    folder = _check_out(out)
    pack = load_pack(pack_path)
    languages = [lang] if lang else (list(pack.languages) if everything else [pack.default_language])
    if group and len(languages) > 1:
        # "deze werkgroep" fits the Dutch welcome only; in English it would become "this deze werkgroep".
        raise _input_error(
            "kit.group_one_language",
            "A group's name is in one language: add --lang to --group.",
        )
    locals_ = [pack.language(code) for code in languages]
    admin_text = _read_intro(intro_file)

    if not everything:
        assert platform is not None
        materials = _kit(locals_[0], platform, admin_text, group, intro_file)
        _write(folder, [(m.filename, m.data) for m in materials])
        for material in materials:
            click.echo(_say("kit.file", path=folder / material.filename, title=material.title))
        click.echo(_say("kit.wrote", count=len(materials), folder=folder))
        return

    entries: list[tuple[str, Material]] = []
    for local in locals_:
        for name in PLATFORMS:
            entries += [(f"{name}-{local.code}", m) for m in _kit(local, name, admin_text, group, intro_file)]
    archive = zip_kit(entries, root=ZIP_FOLDER)
    files = [(f"{prefix}/{m.filename}", m.data) for prefix, m in entries] + [(ZIP_NAME, archive)]
    _write(folder, files)
    counts: dict[str, int] = {}
    for prefix, _ in entries:
        counts[prefix] = counts.get(prefix, 0) + 1
    for prefix, count in counts.items():
        click.echo(_say("kit.folder", folder=folder / prefix, count=count))
    click.echo(_say("kit.zip", path=folder / ZIP_NAME))
    click.echo(_say("kit.wrote", count=len(files), folder=folder))
