"""Say plainly which system packages are missing instead of failing later with a traceback."""

import sys

APT = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


def main() -> int:
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        print(
            "WeasyPrint cannot find the Pango text libraries it draws PDFs with.\n"
            f"  ({exc})\n"
            f"Install them with:  sudo apt-get install {APT}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
