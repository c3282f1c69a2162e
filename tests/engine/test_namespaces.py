"""A command in namespaces of its own is its namespace's first process, on a loopback that is up."""

from __future__ import annotations

import subprocess

from verify.isolation.namespaces import ip, own_namespaces


def test_a_command_in_namespaces_of_its_own_has_its_loopback_up_and_is_process_1():
    shown = subprocess.run(
        own_namespaces(["sh", "-c", f'echo "$$"; {ip()} -o link show lo'], label="probe"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    pid, loopback = shown.stdout.splitlines()
    assert pid == "1"
    assert "state UNKNOWN" in loopback or ",UP" in loopback


def test_without_its_own_network_a_command_keeps_the_hosts():
    def network(command: list[str]) -> str:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout

    here = network(["readlink", "/proc/self/ns/net"])
    assert network(own_namespaces(["readlink", "/proc/self/ns/net"], network=False)) == here
    assert network(own_namespaces(["readlink", "/proc/self/ns/net"])) != here
