"""`wacana` commands of models/. Registered on the one app in corpus.cli; heavy imports stay inside the commands
so `wacana --help` stays fast."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the wacana app."""
