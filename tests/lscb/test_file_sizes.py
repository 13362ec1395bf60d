"""Every production module is short enough to read in one sitting."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500
SKIPPED = {".venv", "tests", "migrations", "node_modules", "static", "media", "staticfiles"}


def production_modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED.intersection(path.relative_to(ROOT).parts)
    ]


def test_no_production_module_is_over_500_lines():
    modules = production_modules()
    assert len(modules) > 50, "the walk found too few modules to be looking in the right place"
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}, f"split these along the domain's seams: {too_long}"
