"""Linter configuration: tmlint.toml, [tmserver:lint] in setup.cfg, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmserver.errors import InvalidRequestError
from tmserver.lint.config import DEFAULT_STRICT_ACRONYMS
from tmserver.lint.config import LintConfig
from tmserver.lint.config import config_from_mapping
from tmserver.lint.config import load_config
from tmserver.lint.linter import select_checks

TOML = """
target_lang = "bs"
variety = "bs"
memory = "memories/iom.tmx"
fail_on = "warning"
disable = ["end-punctuation"]
do_not_translate = ["Sarajevo Film Festival"]

[severity]
length-ratio = "info"

[acronyms]
MoI = ["MUP"]

[terms]
"Ministry of Security" = ["Ministarstvo sigurnosti"]
"""

CFG = """[metadata]
name = x

[tmserver:lint]
fail_on = warning
disable = end-punctuation, whitespace
acronyms =
    MoI: MUP, MUP-a
    OSCE: OEBS
terms =
    Ministry of Security: Ministarstvo sigurnosti
"""


def test_toml(tmp_path: Path) -> None:
    path = tmp_path / "tmlint.toml"
    path.write_text(TOML, encoding="utf-8")
    config = load_config(path)
    assert (config.target_lang, config.variety, config.fail_on) == (
        "bs",
        "bs",
        "warning",
    )
    assert config.memory == "memories/iom.tmx"
    assert config.disable == {"end-punctuation"}
    assert config.severity == {"length-ratio": "info"}
    assert config.acronyms["MoI"] == ("MUP",) and "UN" in config.acronyms
    assert "MOI" in config.strict_acronyms
    assert config.terms == {"Ministry of Security": ("Ministarstvo sigurnosti",)}
    assert config.do_not_translate == ("Sarajevo Film Festival",)
    checks = {c.id: c for c in select_checks(config, with_memory=False)}
    assert "end-punctuation" not in checks and checks["length-ratio"].level == "info"


def test_setup_cfg_section_is_found(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text(CFG, encoding="utf-8")
    config = load_config(search_dir=tmp_path)
    assert config.fail_on == "warning"
    assert config.disable == {"end-punctuation", "whitespace"}
    assert config.acronyms["MoI"] == ("MUP", "MUP-a")
    assert config.acronyms["OSCE"] == ("OEBS",)
    assert config.terms == {"Ministry of Security": ("Ministarstvo sigurnosti",)}


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = x\n", encoding="utf-8")
    config = load_config(search_dir=tmp_path)
    assert config == LintConfig()
    assert config.strict_acronyms == DEFAULT_STRICT_ACRONYMS


@pytest.mark.parametrize(
    "text",
    [
        'colour = "red"\n',
        'fail_on = "sometimes"\n',
        '[severity]\nquotes = "fatal"\n',
        "this is not toml = = \n",
    ],
)
def test_invalid_configuration(tmp_path: Path, text: str) -> None:
    path = tmp_path / "tmlint.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRequestError):
        load_config(path)


def test_unknown_check_id_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="no-such-check"):
        select_checks(
            LintConfig(disable=frozenset({"no-such-check"})), with_memory=False
        )


def test_memory_checks_need_a_memory() -> None:
    ids = {c.id for c in select_checks(LintConfig(), with_memory=False)}
    assert "memory-mismatch" not in ids and "term-mismatch" in ids
    ids = {c.id for c in select_checks(LintConfig(), with_memory=True)}
    assert "memory-mismatch" in ids


def test_acronym_warning_min_length_is_read() -> None:
    assert LintConfig().acronym_warning_min_length == 3
    config = config_from_mapping({"acronym_warning_min_length": "2"})
    assert config.acronym_warning_min_length == 2
