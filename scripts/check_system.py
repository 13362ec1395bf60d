"""Say plainly which system packages are missing instead of failing later with a traceback."""

import sys

APT = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


def main() -> int:
    try:
        from weasyprint.text import ffi
    except OSError as exc:
        print(
            "WeasyPrint cannot find the Pango text libraries it draws PDFs with.\n"
            f"  ({exc})\n"
            f"Install them with:  sudo apt-get install {APT}",
            file=sys.stderr,
        )
        return 1
    if ffi.harfbuzz_subset is None:
        # Reports still render, but every font is cut down by fontTools in Python instead,
        # which is slower, and WeasyPrint says it will stop supporting that.
        print(
            "Warning: HarfBuzz's subsetting library is missing, so PDF reports render "
            "slowly.\nInstall it with:  sudo apt-get install libharfbuzz-subset0",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
