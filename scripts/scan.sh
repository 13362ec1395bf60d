#!/usr/bin/env bash
# Code and dependency scanners, as CI runs them.
#
#   bandit     must report nothing in any production app (false positives carry `# nosec <id> - reason`).
#   lint-imports  every contract in .importlinter must be kept (no import circles).
#   pip-audit  must find no known vulnerability in the installed packages. When the
#              vulnerability data cannot be reached (no network, or a PyPI mirror that
#              answers without per-release data), it says so loudly and does not fail
#              the build, unless STRICT_AUDIT=1. Any other pip-audit error fails it.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
status=0

echo "== bandit"
if "$BIN/bandit" -q -r lscb boards workplans reviews reporting training voice public reminders -x tests 2>/dev/null; then
  echo "bandit: no issues"
else
  echo "bandit: issues found (above)"
  status=1
fi

echo "== lint-imports"
# .importlinter: apps import only downwards, production never imports tooling, and no two
# modules of one app import each other (function-level imports count). With no argument it
# reads .importlinter (setup.cfg would come first; the project has none).
if "$BIN/lint-imports" --no-cache; then
  echo "lint-imports: contracts kept"
else
  echo "lint-imports: a contract is broken (above)"
  status=1
fi

echo "== pip-audit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
timeout 300 "$BIN/pip-audit" --skip-editable --progress-spinner off --format json \
  --output "$work/audit.json" 2>"$work/audit.err"
rc=$?
"$BIN/python" - "$work/audit.json" "$work/audit.err" "$rc" <<'PY' || status=1
import json
import os
import re
import sys
from pathlib import Path

report, errors, rc = Path(sys.argv[1]), Path(sys.argv[2]).read_text(), int(sys.argv[3])
strict = os.environ.get("STRICT_AUDIT") == "1"
# What a failure to reach the vulnerability service looks like (requests / urllib3 / DNS).
UNREACHABLE = re.compile(
    r"ConnectionError|NameResolutionError|Max retries exceeded|Failed to establish a new "
    r"connection|Temporary failure in name resolution|Name or service not known|timed out|"
    r"ProxyError|SSLError|Network is unreachable"
)


def could_not_audit(why: str) -> None:
    print("pip-audit: COULD NOT AUDIT - no dependency was checked for known vulnerabilities.")
    print(f"pip-audit: {why}")
    sys.exit(1 if strict else 0)


if rc == 124:
    could_not_audit("the vulnerability service did not answer within 5 minutes.")
data = None
if report.exists() and report.stat().st_size:
    data = json.loads(report.read_text())
if data is None:
    if UNREACHABLE.search(errors):
        last = [line for line in errors.splitlines() if line.strip()][-1:]
        could_not_audit("the vulnerability service could not be reached: " + "".join(last)[:300])
    print(errors)
    print(f"pip-audit: failed (exit {rc}) for a reason other than the network.")
    sys.exit(1)

deps = data.get("dependencies", [])
audited = [d for d in deps if "skip_reason" not in d]
skipped = [d for d in deps if "skip_reason" in d]
vulnerable = [d for d in audited if d.get("vulns")]
for dep in vulnerable:
    for vuln in dep["vulns"]:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
        print(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
if vulnerable:
    print(f"pip-audit: {len(vulnerable)} of {len(audited)} packages have known vulnerabilities.")
    sys.exit(1)
not_found = [d for d in skipped if "not found on PyPI" in d["skip_reason"]]
if not audited:
    # Real PyPI knows every release we installed from it; "not found" for all of them
    # means what answered is not PyPI's vulnerability data. Nothing checked is no pass.
    could_not_audit(
        f"the vulnerability service answered 'not found' for {len(not_found)} of "
        f"{len(deps)} installed packages (the rest are our own editable install), so "
        "PyPI's per-release vulnerability data is not reachable from here."
    )
for dep in skipped:
    print(f"  skipped: {dep['skip_reason']}")
print(f"pip-audit: {len(audited)} packages audited, no known vulnerabilities.")
PY

exit $status
