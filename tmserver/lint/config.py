"""Linter configuration: one file, ``tmlint.toml`` or ``[tmserver:lint]`` in setup.cfg.

``tmlint.toml``::

    target_lang = "hr"          # or leave it to the input file
    variety = "hr"              # expected variety of the targets
    memory = "memories/iom.tmx" # memory to check consistency against
    fail_on = "error"
    disable = ["end-punctuation"]
    enable = ["reused-translation"]

    [severity]
    length-ratio = "info"

    [acronyms]                  # English acronym = accepted target forms
    OSCE = ["OSCE", "OEBS"]

    [terms]                     # English term = accepted target forms (inflected)
    "Ministry of Security" = ["Ministarstvo sigurnosti"]

    do_not_translate = ["IOM", "Sarajevo Film Festival"]
    acronym_warning_min_length = 3  # shorter unknown acronyms missing: info

The same keys in setup.cfg's ``[tmserver:lint]`` section; lists are comma- or
newline-separated and tables are ``KEY = a, b`` lines in ``acronyms`` /
``terms`` / ``severity`` (``OSCE: OSCE, OEBS``).
"""

from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from typing import Any

from tmserver.errors import InvalidRequestError
from tmserver.lint.findings import SEVERITIES

#: English acronym → target forms accepted besides the acronym itself. Entries with
#: spaces are names written out; they match inflected (stem by stem).
DEFAULT_ACRONYMS: dict[str, tuple[str, ...]] = {
    "UN": ("OUN", "UN", "Ujedinjeni narodi", "Ujedinjene nacije"),
    "OSCE": ("OEBS", "OESS", "Organizacija za evropsku sigurnost"),
    "EU": ("EU", "Europska unija", "Evropska unija"),
    "US": ("SAD", "Sjedinjene Države", "Amerika", "američki", "američka"),
    "USA": ("SAD", "Sjedinjene Države", "Amerika", "američki"),
    "UK": (
        "VB",
        "Velika Britanija",
        "Ujedinjeno Kraljevstvo",
        "britanski",
        "Britanija",
    ),
    "WHO": ("SZO", "Svjetska zdravstvena organizacija", "Svetska zdravstvena"),
    "IOM": ("MOM", "Međunarodna organizacija za migracije"),
    "NGO": ("NVO", "nevladina organizacija", "nevladin"),
    "NGOS": ("NVO", "nevladin"),
    "GDP": ("BDP", "bruto domaći proizvod"),
    "CEO": ("direktor", "izvršni direktor", "generalni direktor"),
    "MP": ("zastupnik", "poslanik", "parlamentarac", "zastupnica", "poslanica"),
    "MPS": ("zastupnik", "poslanik", "parlamentarac"),
    "TV": ("televizij", "televizor"),
    "UAE": ("UAE", "Emirati", "Ujedinjeni Arapski Emirati"),
    "NHS": ("zdravstvena služba", "zdravstven"),
    "EC": ("EK", "Europska komisija", "Evropska komisija"),
    "ICTY": ("MKSJ", "Haški tribunal", "tribunal"),
    "UNHCR": ("UNHCR",),
    "BIH": ("BiH", "Bosna i Hercegovina"),
    "BiH": ("BiH", "Bosna i Hercegovina", "BH"),
    "AI": ("AI", "umjetna inteligencija", "veštačka inteligencija", "vještačka"),
    "ID": ("osobna", "lična", "identifikac"),
    "PM": ("premijer", "poslijepodne", "popodne"),
    "AM": ("ujutro", "prijepodne", "zastupnik", "skupštin"),
    "COVID": ("kovid",),
    "DNA": ("DNK", "ДНК"),
    "HIV": ("HIV", "ХИВ"),
    "AIDS": ("SIDA", "AIDS"),
    "PTSD": ("PTSP",),
    "MOI": ("MUP", "MUP-a", "ministarstvo unutrašnjih poslova"),
    "MoI": ("MUP", "ministarstvo unutrašnjih poslova"),
    "BST": ("britanskom vremenu", "britansko vrijeme", "vremenu"),
    "GMT": ("GMT", "vremenu", "Greenwich"),
    "ET": ("istočnom vremenu", "istočno vrijeme", "vremenu"),
    "GOP": ("republikanski", "republikanska", "republikanaca"),
    "NYC": ("New York", "Njujork", "njujorški"),
    "NY": ("New York", "Njujork", "njujorški"),
    "ICJ": ("Međunarodni sud pravde", "MSP", "međunarodnog suda"),
    "FIFA": ("FIFA",),
}
#: Acronyms that are always kept or mapped: missing ones are warnings everywhere.
DEFAULT_STRICT_ACRONYMS = frozenset(
    "UN OSCE EU IOM WHO NATO UNHCR UNICEF UNDP USAID OHCHR UNFPA UNESCO ILO OECD "
    "IMF ICRC EC ICTY NGO BIH".split()
)
#: All-caps words in English sources that are not acronyms to carry over.
DEFAULT_ACRONYM_IGNORE = frozenset(
    "I OK NO NOT YES NEW FREE AND OR THE ALL TO A AN IS OF IN ON AT BY".split()
)


@dataclass(frozen=True)
class LintConfig:
    """Everything a lint run is configured with (policy values passed down)."""

    target_lang: str | None = None
    variety: str | None = None
    memory: str | None = None
    fail_on: str = "error"
    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_ACRONYMS)
    )
    acronym_ignore: frozenset[str] = DEFAULT_ACRONYM_IGNORE
    strict_acronyms: frozenset[str] = DEFAULT_STRICT_ACRONYMS
    #: A missing acronym that is neither in the table nor kept elsewhere is a
    #: warning from this length on, info when shorter: two-letter ones (MP, AZ, GC)
    #: are mostly written out in BCS news, longer ones mostly kept.
    acronym_warning_min_length: int = 3
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    do_not_translate: tuple[str, ...] = ()
    memory_min_quality: float = 95.0
    memory_exact_chrf: float = 99.0
    memory_fuzzy_chrf: float = 50.0
    length_ratio_bounds: tuple[float, float] = (0.45, 2.2)
    length_ratio_min_chars: int = 25

    def with_overrides(self, **changes: Any) -> LintConfig:
        """A copy with ``changes`` applied (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_config(
    path: str | Path | None = None, *, search_dir: Path | None = None
) -> LintConfig:
    """Read the configuration from ``path``, or find one in ``search_dir``.

    Without ``path``, ``tmlint.toml`` and then ``setup.cfg`` (its ``[tmserver:lint]``
    section) are looked for in ``search_dir`` (default: the working directory).
    No file at all gives the defaults.

    :raises InvalidRequestError: for unreadable or invalid configuration.
    """
    if path is None:
        directory = search_dir or Path.cwd()
        for candidate in (directory / "tmlint.toml", directory / "setup.cfg"):
            if candidate.is_file():
                if candidate.suffix == ".cfg" and not _has_section(candidate):
                    continue
                path = candidate
                break
        else:
            return LintConfig()
    path = Path(path)
    if not path.is_file():
        raise InvalidRequestError(f"configuration file not found: {path}")
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise InvalidRequestError(
                f"invalid TOML: {error}", location=str(path)
            ) from error
        data = data.get("tool", {}).get("tmlint", data) if "tool" in data else data
        return config_from_mapping(data, location=str(path))
    return config_from_mapping(_read_cfg(path), location=str(path))


def _has_section(path: Path) -> bool:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return parser.has_section("tmserver:lint")


def _read_cfg(path: Path) -> dict[str, Any]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as error:
        raise InvalidRequestError(
            f"invalid setup.cfg: {error}", location=str(path)
        ) from error
    if not parser.has_section("tmserver:lint"):
        return {}
    raw = dict(parser.items("tmserver:lint"))
    data: dict[str, Any] = {}
    for key, value in raw.items():
        if key in {"acronyms", "terms", "severity"}:
            data[key] = _cfg_table(value)
        elif key in {"enable", "disable", "do_not_translate"}:
            data[key] = _cfg_list(value)
        else:
            data[key] = value.strip()
    return data


def _cfg_list(value: str) -> list[str]:
    return [
        item.strip() for item in value.replace("\n", ",").split(",") if item.strip()
    ]


def _cfg_table(value: str) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for line in value.splitlines():
        if ":" not in line:
            continue
        key, _, rest = line.partition(":")
        items = _cfg_list(rest)
        table[key.strip()] = items if len(items) != 1 else items[0]
    return table


_KNOWN_KEYS = {
    "target_lang",
    "variety",
    "memory",
    "fail_on",
    "enable",
    "disable",
    "severity",
    "acronyms",
    "terms",
    "do_not_translate",
    "memory_min_quality",
    "length_ratio_bounds",
    "acronym_warning_min_length",
}


def config_from_mapping(data: dict[str, Any], *, location: str = "") -> LintConfig:
    """Build a :class:`LintConfig` from parsed TOML/INI data, validating it."""
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise InvalidRequestError(
            f"unknown lint settings: {sorted(unknown)}", location=location
        )
    config = LintConfig()
    severity = {str(k): str(v) for k, v in (data.get("severity") or {}).items()}
    fail_on = str(data.get("fail_on", config.fail_on))
    for level in [*severity.values(), fail_on]:
        if level not in (*SEVERITIES, "never"):
            raise InvalidRequestError(f"unknown severity {level!r}", location=location)
    acronyms = dict(config.acronyms)
    for key, forms in (data.get("acronyms") or {}).items():
        acronyms[str(key)] = tuple([forms] if isinstance(forms, str) else forms)
    strict = config.strict_acronyms | {
        str(k).upper() for k in (data.get("acronyms") or {})
    }
    terms = {
        str(k): tuple([v] if isinstance(v, str) else v)
        for k, v in (data.get("terms") or {}).items()
    }
    bounds = data.get("length_ratio_bounds")
    return replace(
        config,
        target_lang=data.get("target_lang") or None,
        variety=data.get("variety") or None,
        memory=data.get("memory") or None,
        fail_on=fail_on,
        enable=frozenset(_as_list(data.get("enable"))),
        disable=frozenset(_as_list(data.get("disable"))),
        severity=severity,
        acronyms=acronyms,
        strict_acronyms=strict,
        terms=terms,
        do_not_translate=tuple(_as_list(data.get("do_not_translate"))),
        memory_min_quality=float(
            data.get("memory_min_quality", config.memory_min_quality)
        ),
        acronym_warning_min_length=int(
            data.get("acronym_warning_min_length", config.acronym_warning_min_length)
        ),
        length_ratio_bounds=(
            tuple(float(b) for b in _as_list(bounds))
            if bounds
            else config.length_ratio_bounds
        ),
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return _cfg_list(value)
    return [str(item) for item in value]
