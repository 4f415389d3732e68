"""`wacana train --data` on the public NusaX sentiment folder in ../shared (the benchmark's data)."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from corpus.cli import app


@pytest.mark.shared_data
def test_train_on_nusax_prints_model_folder_then_macro_f1(shared, tmp_path):
    result = CliRunner().invoke(app, ["train", "--data", str(shared / "data" / "nusax"), "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    *_, folder, last = result.output.strip().splitlines()
    assert folder == str(tmp_path / "nusax") and (tmp_path / "nusax" / "model.skops").exists()
    value = float(re.fullmatch(r"test macro_f1=(0\.\d{4}|1\.0000)", last).group(1))
    # three balanced-ish classes: far above the majority class (~0.2), whatever the exact score
    assert value > 0.6
