"""The GitHub workflows are valid (actionlint) and free of known security issues (zizmor)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_actionlint_passes() -> None:
    result = run(str(BIN / "actionlint"), "-no-color")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_passes() -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit() -> None:
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" in line:
                ref = line.split("@", 1)[1].split()[0]
                assert len(ref) == 40, f"{workflow.name}:{number}: pin {line.strip()} to a SHA"


def load(path: Path) -> dict:
    """A workflow as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def needed(jobs: dict, name: str) -> set[str]:
    """Every job that `name` needs, directly or through the jobs it needs."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed(jobs, job) for job in direct))


def test_deploy_runs_only_after_the_tests_pass() -> None:
    workflows = {path.name: load(path) for path in (ROOT / ".github" / "workflows").glob("*.yml")}
    deploys = [
        (workflow, name)
        for workflow in workflows.values()
        for name, job in workflow["jobs"].items()
        if any(
            step.get("uses", "").startswith("actions/deploy-pages@")
            for step in job.get("steps", [])
        )
    ]
    assert deploys, "nothing publishes the site"
    for workflow, deploy in deploys:
        jobs = workflow["jobs"]
        chain = needed(jobs, deploy)
        assert "test" in chain, f"{deploy} does not wait for the tests"
        gates = [jobs[name].get("if", "") for name in chain - {"test"} | {deploy}]
        # A status function in `if:` would run the job after a failed or cancelled test.
        assert not any(re.search(r"\b(always|failure|cancelled)\s*\(", gate) for gate in gates)
        assert any("github.ref == 'refs/heads/main'" in gate for gate in gates)  # Not for PRs.
        test = jobs["test"]
        assert not any("continue-on-error" in part for part in [test, *test["steps"]])
