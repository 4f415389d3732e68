"""Tests that read ../shared carry the `shared_data` marker. Outside CI they skip, saying why, when
../shared is absent (a user's clone has none); under CI=true a missing ../shared is a failure, not a skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WACANA_SHARED", REPO.parent / "shared"))


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    if _in_ci():
        raise pytest.UsageError(f"CI=true but the shared data folder {SHARED} is missing")
    skip = pytest.mark.skip(reason=f"needs ../shared data ({SHARED} not found)")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED
