"""``samen kit``: write every material of a setting (or of all settings) to a folder.

Everything is rendered first and written to a temporary folder beside the target, then moved into place,
so a wrong input or a full disk never leaves half a kit behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from samen.cli.content import lowercase, pack_option
from samen.cli.output import cli_language
from samen.content import PLATFORMS, Localized, control_character, load_pack, load_strings, platform_name
from samen.content.pack import read_text_file
from samen.errors import InputError, LimitError
from samen.render import Material, build_kit, zip_kit
from samen.settings import load_settings

#: The zip that ``--all`` writes beside the folders.
ZIP_NAME = "samen-kit.zip"
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


def _write(out: Path, files: list[tuple[str, bytes]]) -> None:
    """Write files (relative paths) into ``out`` through a temporary folder beside it."""
    target = out.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        holder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        # mkdtemp's folder is private (0700); the kit's own folder gets the usual permissions of a new one.
        staging = holder / "kit"
    except OSError as exc:
        raise _unwritable(out, exc) from None
    try:
        staging.mkdir()
        for relative, data in files:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if not target.exists():
            os.replace(staging, target)
            return
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)
            os.replace(entry, destination)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    finally:
        shutil.rmtree(holder, ignore_errors=True)


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
    archive = zip_kit(entries)
    files = [(f"{prefix}/{m.filename}", m.data) for prefix, m in entries] + [(ZIP_NAME, archive)]
    _write(folder, files)
    counts: dict[str, int] = {}
    for prefix, _ in entries:
        counts[prefix] = counts.get(prefix, 0) + 1
    for prefix, count in counts.items():
        click.echo(_say("kit.folder", folder=folder / prefix, count=count))
    click.echo(_say("kit.zip", path=folder / ZIP_NAME))
    click.echo(_say("kit.wrote", count=len(files), folder=folder))
