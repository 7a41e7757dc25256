"""``tmserver lint --explain RULE``: every check's help, by id or code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tmserver.cli import cli
from tmserver.lint.checks import CHECKS


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_explain_prints_each_checks_help(check_id: str) -> None:
    check = CHECKS[check_id]
    for rule in (check_id, check.code, check.code.lower()):
        result = CliRunner().invoke(cli, ["lint", "--explain", rule])
        assert result.exit_code == 0
        assert check.code in result.output and check.help in result.output


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["lint", "--explain", "TM-XXX-999"])
    assert result.exit_code == 2


def test_lint_without_paths_is_a_usage_error() -> None:
    assert CliRunner().invoke(cli, ["lint"]).exit_code == 2
