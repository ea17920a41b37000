"""Read pip-audit's JSON report (stdin) and decide: fail on any known vulnerability; report,
without failing, packages pip-audit could not check (this machine cannot reach PyPI's JSON API
or OSV, so every package comes back "not found on PyPI and could not be audited").

Exit codes: 0 no known vulnerability (or nothing could be checked), 1 a vulnerability was
found, 2 there was no readable report (pip-audit itself failed).
"""

import json
import sys


def main() -> int:
    text = sys.stdin.read()
    try:
        report = json.loads(text)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        print("pip-audit: FAILED, it gave no readable report:", text[:500] or "(nothing)")
        return 2
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(f"pip-audit: {dep['name']} {dep.get('version', '')}: {vuln['id']} (fix: {fixes})")
    if vulnerable:
        print(f"pip-audit: FAILED, {len(vulnerable)} package(s) with known vulnerabilities")
        return 1
    if skipped and not audited:
        print(
            f"pip-audit: NOT CHECKED, the vulnerability database could not be reached, so none "
            f"of the {len(skipped)} packages was audited ({skipped[0]['skip_reason']}). "
            "Run it where PyPI and OSV are reachable."
        )
        return 0
    if skipped:
        names = ", ".join(dep["name"] for dep in skipped)
        print(f"pip-audit: could not audit {len(skipped)} package(s): {names}")
    print(f"pip-audit: {audited} package(s) audited, no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
