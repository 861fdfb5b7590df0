"""``samen signals classify|train|eval``: the signals on the command line.

``classify`` goes through the same two calls as the bot (:meth:`Signals.analyze`, then
:func:`samen.bot.nudge.decide_nudge`), so what it prints is what the bot would do.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from samen.bot.nudge import NudgeMode, decide_nudge, do_of
from samen.cli.content import pack_option
from samen.cli.output import cli_language
from samen.content import load_pack, load_strings
from samen.errors import InputError
from samen.settings import load_settings
from samen.signals import Signals
from samen.signals.evaluation import BLIND_LABELS, BlindLine

if TYPE_CHECKING:
    from samen.signals.model import Model

#: Where the shared training data sits relative to the repository root.
DEFAULT_DATA = Path("..") / "shared" / "data"
DATA_VARIABLE = "SAMEN_SIGNALS_DATA"


def _say(key: str, **values: object) -> str:
    return load_strings("signals").get(cli_language(), key, **values)


def read_lines(stream: BinaryIO) -> list[str]:
    """Every line of a byte stream decoded as UTF-8, without line ends.

    Raises:
        InputError: naming the first line that is not UTF-8 (before anything is written).
    """
    lines = []
    for number, raw in enumerate(stream, start=1):
        try:
            lines.append(raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n"))
        except UnicodeDecodeError:
            raise InputError(
                f"Line {number} of the input is not UTF-8 text.", key="signals:not_utf8", line=number
            ) from None
    return lines


#: What each field of a blind set's line must be, and the message key that says so when it is not.
_BLIND_FIELDS = (
    (re.compile(r"[a-z]{2,3}"), "blind_language", "its language is not a language code such as nl or en"),
    (re.compile("|".join(BLIND_LABELS)), "blind_label", "its label is not harm or harmless"),
    (re.compile(r"[\w\- ]*\w[\w\- ]*"), "blind_kind", "its kind is not a name of letters, digits, _ and -"),
    (re.compile(r".*\S.*", re.DOTALL), "blind_text", "it has no text"),
)


def read_blind(path: Path) -> list[BlindLine]:
    """A blind set: per non-empty line ``language, harm|harmless, kind, text``, tab-separated, UTF-8 (the
    text may hold tabs; the language and label are read in any case, spaces around fields ignored).

    Raises:
        InputError: when the file cannot be read or holds no line, or naming the first line not of that
            shape and what is wrong with it, never its content (before anything is scored).
    """
    from samen.content.pack import read_text_file

    rows = []
    for number, line in enumerate(read_text_file(path).lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t", 3)]
        if len(fields) < 4:
            raise InputError(
                f"Line {number} of the blind set has {len(fields)} fields, not 4: language, harm or "
                "harmless, kind and text, separated by tabs.",
                key="signals:blind_fields",
                line=number,
                fields=len(fields),
            )
        fields[0], fields[1] = fields[0].lower(), fields[1].lower()
        for field, (shape, key, problem) in zip(fields, _BLIND_FIELDS, strict=True):
            if not shape.fullmatch(field):
                raise InputError(
                    f"Line {number} of the blind set: {problem}.", key=f"signals:{key}", line=number
                )
        lang, label, kind, text = fields
        rows.append(BlindLine(lang, label == "harm", kind, text))
    if not rows:
        raise InputError(f"{path}: holds no line to count.", key="signals:blind_empty", path=str(path))
    return rows


@click.group()
def signals() -> None:
    """Notice likely harm, privacy leaks and heat in messages (Dutch and English)."""


@signals.command()
@click.option("--lang", default=None, help="Language of the nudge texts, nl or en (default: the pack's).")
@pack_option
def classify(lang: str | None, pack_path: Path | None) -> None:
    """Read messages from stdin (UTF-8, one per line); print one JSON object per line, in order."""
    pack = load_pack(pack_path)
    local = pack.language(lang or pack.default_language)
    settings = load_settings()
    lines = read_lines(sys.stdin.buffer)
    detector = Signals.load(**pack.spec.signals_options())

    def do_url(code: str, number: int) -> str:
        return settings.dos_url(code, pack.campaign_page(code), number)

    out = sys.stdout
    for text in lines:
        analysis = detector.analyze(text)
        nudge = decide_nudge(analysis, local, mode=NudgeMode.AUTHOR, do_url=do_url)
        record = {
            "text": text,
            "language": analysis.language,
            # The Do a finding concerns is the pack's fact, as the bot names it.
            "signals": [f.as_dict() | {"do": do_of(f.kind, local)} for f in analysis.findings],
            "nudge": nudge.as_dict() if nudge is not None else None,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def _data_folder(data: Path | None) -> Path:
    chosen = data or (Path(os.environ[DATA_VARIABLE]) if os.environ.get(DATA_VARIABLE) else None)
    if chosen is None:
        # ../shared/data from the repository root, whether run from there or from anywhere in a checkout.
        checkout = Path(__file__).resolve().parents[3]
        candidates = [DEFAULT_DATA, checkout / DEFAULT_DATA]
        chosen = next((c for c in candidates if (c / "README.md").is_file()), DEFAULT_DATA)
    folder = chosen
    if not (folder / "README.md").is_file():
        raise InputError(f"The training data is not in {folder}.", key="signals:no_data", path=str(folder))
    return folder


data_option = click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"The shared data folder (default: ../shared/data; env {DATA_VARIABLE}).",
)


@signals.command()
@data_option
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Model file to write.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for embedding and perceptrons (default: the cores available; same file).",
)
@click.option(
    "--thresholds-only",
    is_flag=True,
    help="Keep a model's weights and choose only its thresholds again on the development pool.",
)
@click.option(
    "--model",
    "model_file",
    type=click.Path(path_type=Path),
    default=None,
    help="With --thresholds-only: the model whose weights are kept (default: the shipped one; "
    "written back unless --out says where).",
)
def train(
    data: Path | None, out: Path | None, jobs: int | None, thresholds_only: bool, model_file: Path | None
) -> None:
    """Rebuild the shipped model from the shared data and our own examples (reproducibly)."""
    from samen.signals.model import shipped_model_path
    from samen.signals.training import (
        NoSklearn,
        NotWritten,
        default_jobs,
        rechoose_thresholds,
        train_model,
    )

    if model_file is not None and not thresholds_only:
        raise InputError("--model goes with --thresholds-only.", key="signals:model_alone")
    source = model_file or shipped_model_path()
    if thresholds_only:
        model = _read_model(source)
    target = out or source
    _check_writable(target)  # before a run of minutes or hours, not after it
    folder = _data_folder(data)
    progress = partial(click.echo, err=True)
    jobs = jobs or default_jobs()
    try:
        if thresholds_only:
            report = rechoose_thresholds(folder, model, target, progress=progress, jobs=jobs)
        else:
            report = train_model(folder, target, progress=progress, jobs=jobs)
    except NoSklearn:
        raise InputError("Training needs scikit-learn.", key="signals:no_sklearn") from None
    except NotWritten as exc:
        raise _unwritable(exc.path, exc.reason) from None
    done = "thresholds_chosen" if thresholds_only else "trained"
    click.echo(
        _say(done, path=report.path, size=report.size // 1024, docs=report.docs, seconds=report.seconds)
    )
    click.echo(report.comparison)


#: The largest model file read (the shipped one is about 7 MB; the issue allows 25 MB of trained files).
MAX_MODEL_BYTES = 64_000_000


def _read_model(path: Path) -> Model:
    """The model in a file a person named, or a translated InputError saying why there is none."""
    from samen.content.pack import read_file_bytes
    from samen.signals.model import parse_model

    blob = read_file_bytes(path, max_bytes=MAX_MODEL_BYTES)
    try:
        return parse_model(blob)
    except ValueError:
        raise InputError(f"{path} is not a model file.", key="signals:not_a_model", path=str(path)) from None


def _unwritable(path: Path, reason: str) -> InputError:
    return InputError(
        f"Cannot write {path} ({reason}).", key="signals:out_unwritable", path=str(path), reason=reason
    )


def _check_writable(path: Path) -> None:
    """Raises :class:`InputError` where a file cannot be written at ``path``: a folder is there, or the
    nearest folder that exists on its way refuses a new file (tried with a temporary one; nothing is
    left behind, and the folders still missing are made only when the model is written)."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        existing = next(folder for folder in path.absolute().parents if folder.exists())
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
        with tempfile.NamedTemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise _unwritable(path, exc.strerror or type(exc).__name__) from None


@signals.command("eval")
@data_option
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=None,
    help="Evaluate on at most this many rows per set (0: all).",
)
@click.option(
    "--split",
    type=click.Choice(["test", "dev"]),
    default=None,
    help="The held-out test splits (reported; the default) or the development splits (what choices were "
    "made on).",
)
@click.option(
    "--plot",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write precision-recall curves per kind to this PNG (needs matplotlib).",
)
@click.option(
    "--blind",
    type=click.Path(path_type=Path),
    default=None,
    help="Count a blind set instead: UTF-8 lines of language, harm or harmless, kind and text, "
    "tab-separated. Prints counts per kind, never a line's text, so the set stays unread.",
)
@click.option(
    "--against",
    type=click.Path(path_type=Path),
    default=None,
    help="Compare the shipped model with the model in this file row by row, on the held-out sets (or "
    "the blind set): the rows each gets right that the other gets wrong, and whether the file's losses "
    "are within a paired count's noise.",
)
@pack_option
def evaluate(
    data: Path | None,
    sample: int | None,
    split: str | None,
    plot: Path | None,
    blind: Path | None,
    against: Path | None,
    pack_path: Path | None,
) -> None:
    """Precision, recall and F1 per set, language and kind; accuracy per grammar family; everyday chat
    nudged; labelling functions' precision and coverage; identity subtypes; precision-recall curves; and
    the privacy signal's precision and recall per subtype with its false-nudge rate on everyday chat.
    With ``--blind``: a blind set's lines found and nudged per kind, counted only. With ``--against``:
    two models compared row by row."""
    from samen.signals.embedding import EmbeddingCache, cached, default_cache_path
    from samen.signals.evaluation import (
        compare_blind,
        compare_held_out,
        count_blind,
        evaluate_all,
        format_blind,
        format_paired,
        format_report,
        plot_curves,
    )
    from samen.signals.privacy_evaluation import evaluate_privacy, format_privacy_report

    if blind is not None and (
        data is not None or plot is not None or sample is not None or split is not None
    ):
        raise InputError(
            "--blind counts a blind set alone: leave out --data, --plot, --sample and --split.",
            key="signals:blind_alone",
        )
    if against is not None and plot is not None:
        raise InputError("--against compares two models: leave out --plot.", key="signals:against_plot")
    sample, split = sample or 0, split or "test"
    pack = load_pack(pack_path)
    lines = read_blind(blind) if blind is not None else None
    candidate = _read_model(against) if against is not None else None
    detector = Signals.load(**pack.spec.signals_options())
    if lines is None and detector.embed is not None:
        # The same embeddings, remembered by a hash of the text under var/cache/ (a rerun is quick); a
        # blind set's lines are not remembered.
        detector.embed = cached(EmbeddingCache(default_cache_path()), detector.embed)
    if candidate is not None:
        other = Signals.load(**pack.spec.signals_options(), embeddings=False, model=candidate)
        if candidate.has_embedding_stage:
            other.embed = detector.embed  # one embedder (and cache) for both
        compared = (
            compare_blind(detector, other, lines)
            if lines is not None
            else compare_held_out(detector, other, _data_folder(data), sample=sample, split=split)
        )
        rows = (
            f"the blind set {blind}"
            if lines is not None
            else f"the {split} split of each held-out set"
            + (f", at most {sample} rows of each" if sample else "")
        )
        click.echo(f"Base: the shipped model. Candidate: {against}. Rows: {rows}.\n")
        click.echo(format_paired(compared))
        return
    if lines is not None:
        click.echo(format_blind(count_blind(detector, lines)))
        return
    report = evaluate_all(detector, _data_folder(data), sample=sample, split=split)
    click.echo(format_report(report, detector))
    if plot is not None:
        plot_curves(report, plot)
    # Privacy has its own set and its own report (precision and recall per subtype, false nudges).
    click.echo("")
    click.echo(format_privacy_report(evaluate_privacy(detector, split), split))
