"""The management plugin (docs/management.rst): enabled and disabled on a running node."""

from __future__ import annotations

import urllib.error
import urllib.request
from base64 import b64encode

import pytest


def http_get(path: str, user: str | None = "guest") -> tuple[int, str]:
    request = urllib.request.Request(f"http://localhost:15672{path}")
    if user:
        request.add_header(
            "Authorization", "Basic " + b64encode(f"{user}:{user}".encode()).decode()
        )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_management_plugin_comes_and_goes_without_a_restart(broker, run):
    def node_pid() -> str:
        return broker.evaluate("os:getpid()")

    before = node_pid()
    run("management/enable.sh")

    status, overview = http_get("/api/overview")
    assert status == 200 and '"management_version"' in overview
    assert http_get("/api/overview", user=None)[0] == 401
    status, login_page = http_get("/", user=None)
    assert status == 200 and "<title>RabbitMQ Management</title>" in login_page
    assert node_pid() == before, "the node restarted"

    run("management/disable.sh")

    with pytest.raises(urllib.error.URLError):
        http_get("/")
    assert node_pid() == before, "the node restarted"
