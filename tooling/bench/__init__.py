"""The benchmark behind `manage.py bench`: pages, report rendering, quarter-end, load.

Not part of the test run: it measures this machine and prints numbers for
docs/performance.md.
"""
