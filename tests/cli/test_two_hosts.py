"""Two ``tmserver serve`` hosts on one PostgreSQL, each with its own instance
directory (its own index cache): what one host writes, the other suggests."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from click.testing import CliRunner

from tests.server import RunningServer
from tests.server import serve
from tests.tmxdata import write_tmx
from tmserver.cli import cli

TOKEN = "two-hosts-token"
REFRESH = 1


def _post(server: RunningServer, path: str, body: bytes, kind: str) -> dict:
    request = urllib.request.Request(
        server.url + path,
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": kind},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _targets(server: RunningServer, text: str) -> list[str]:
    status, body = server.get_json(f"/tmserver/en/hr/unit/{quote(text, safe='')}")
    if status == 404 and body["code"] == "unsupported_language":  # type: ignore[index]
        return []  # no English memory on this host yet
    assert status == 200, body
    return [s["target"] for s in body if s["quality"] == 100]  # type: ignore[union-attr]


def _served_indexes_are_complete(instance: Path) -> None:
    for path in (instance / "match-index").glob("index-*"):
        if path.is_dir() and not path.name.endswith(".tmp"):
            assert (path / "complete").is_file(), path


def test_a_write_on_one_host_is_suggested_by_the_other(
    postgres_url: str, tmp_path: Path
) -> None:
    assert (
        CliRunner().invoke(cli, ["--database-url", postgres_url, "init-db"]).exit_code
        == 0
    )
    env = {
        "TMSERVER_DATABASE_URL": postgres_url,
        "TMSERVER_API_TOKEN": TOKEN,
        "TMSERVER_MATCH_REFRESH_SECONDS": str(REFRESH),
        "TMSERVER_MATCH_DELTA_LIMIT": "50",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        serve(tmp_path / "a", workers=1, extra_env=env) as host_a,
        serve(tmp_path / "b", workers=1, extra_env=env) as host_b,
    ):
        text = "The harbour office opens at nine."
        assert _targets(host_b, text) == []
        body = json.dumps({"source": text, "target": "Lučki ured otvara se u devet."})
        assert (
            _post(host_a, "/api/v1/en/hr/unit", body.encode(), "application/json")[
                "added"
            ]
            == 1
        )
        written = time.monotonic()
        while not _targets(host_b, text):
            assert time.monotonic() - written < REFRESH + 3, "host B never saw the unit"
            time.sleep(0.1)

        # a bulk import past the delta limit: host B must rebuild, and while it does
        # it answers from the old index or the new one, never from half of one
        pairs = [
            (
                f"Bulk notice {n} about the ferry timetable.",
                f"Obavijest {n} o trajektu.",
            )
            for n in range(300)
        ]
        document = write_tmx(tmp_path / "bulk.tmx", pairs).read_bytes()
        report = _post(
            host_a, "/api/v1/import?name=bulk.tmx", document, "application/xml"
        )
        assert report["added"] == 300
        imported = time.monotonic()
        first, last = pairs[0][0], pairs[-1][0]
        while True:
            seen_first = bool(_targets(host_b, first))
            seen_last = bool(_targets(host_b, last))
            _served_indexes_are_complete(tmp_path / "b" / "instance")
            if seen_first or seen_last:
                break
            assert time.monotonic() - imported < 60, "host B never rebuilt"
            time.sleep(0.1)
        # once either end of the import is visible, both are (one whole index)
        assert _targets(host_b, first) == ["Obavijest 0 o trajektu."]
        assert _targets(host_b, last) == ["Obavijest 299 o trajektu."]
        assert _targets(host_b, text) == ["Lučki ured otvara se u devet."]
        assert _targets(host_a, last) == ["Obavijest 299 o trajektu."]
        built = [
            p
            for p in (tmp_path / "b" / "instance" / "match-index").glob("index-*")
            if p.is_dir()
        ]
        assert built and all((p / "complete").is_file() for p in built)
