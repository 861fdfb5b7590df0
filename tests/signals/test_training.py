"""Training and evaluation: reproducible, honest about missing data, fast on a small sample."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from samen.signals.corpora import own_examples
from samen.signals.model import MODEL_KINDS, LinearModel, load_model, parse_model
from samen.signals.training import choose_thresholds, fit

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def samen(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"SAMEN_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "samen", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_own_examples_pair_harm_with_harmless_twins_in_both_languages() -> None:
    examples = list(own_examples())
    for lang in ("nl", "en"):
        mine = [e for e in examples if e.lang == lang]
        harmful = {k for e in mine for k in e.kinds}
        assert harmful == set(MODEL_KINDS), lang
        patterns = {e.pattern for e in mine if not e.kinds}
        twins = {"negation", "counter_speech", "quoting", "academic", "neutral_mention", "reclaimed"}
        assert twins | {"self_mockery", "banter"} <= patterns, lang
        assert {e.split for e in mine} == {"train", "dev", "test"}
    assert len({e.text for e in examples}) == len(examples), "each example once"


def test_training_is_reproducible_and_thresholds_stay_in_range() -> None:
    train = [e for e in own_examples() if e.split == "train"]
    dev = [e for e in own_examples() if e.split != "train"]
    w1, b1 = fit(train)
    w2, b2 = fit(train)
    assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    model = LinearModel(MODEL_KINDS, w1, b1, np.ones(len(MODEL_KINDS), dtype=np.float32))
    thresholds = choose_thresholds(model, dev)
    assert ((thresholds >= 0.3) & (thresholds <= 1.0)).all()
    again = parse_model(LinearModel(MODEL_KINDS, w1, b1, thresholds).dump())
    assert again.kinds == MODEL_KINDS and np.allclose(again.thresholds, thresholds)


def test_a_model_hashed_another_way_is_refused() -> None:
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        kinds=np.array(MODEL_KINDS),
        weights=np.zeros((4, 4), dtype=np.float16),
        bias=np.zeros(4),
        thresholds=np.ones(4),
        features_version=np.array(1),
    )
    with pytest.raises(ValueError, match="retrain"):
        parse_model(buffer.getvalue())


def test_shipped_files_are_small_and_the_model_loads() -> None:
    folder = resources.files("samen.signals").joinpath("data")
    total = sum(f.stat().st_size for f in Path(str(folder)).iterdir())
    assert total < 10 * 1024 * 1024
    model = load_model()
    assert model is not None and model.kinds == MODEL_KINDS
    assert model.weights.shape[1] == len(MODEL_KINDS)


def test_train_without_data_says_where_to_point() -> None:
    done = samen("signals", "train", "--data", "/nonexistent/samen-data")
    assert done.returncode == 2
    assert "--data" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(
    not (DATA / "README.md").is_file(), reason="the shared data folder is not beside the clone"
)
def test_eval_on_a_small_sample_reports_every_set_and_pattern() -> None:
    done = samen("signals", "eval", "--data", str(DATA), "--sample", "40")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for name in ("own-test", "rtp-lx", "convabuse", "edos"):
        assert f"| {name} |" in out
    for pattern in ("negation", "banter", "self_mockery", "quoting", "academic", "obfuscation"):
        assert f"| nl | {pattern} |" in out and f"| en | {pattern} |" in out
