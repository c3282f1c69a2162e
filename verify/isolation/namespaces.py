"""Namespaces of its own for a run, or for one worker of it.

In its own network namespace a private broker takes the standard ports, the
snippets reach it as printed (``localhost:5672``), and a broker already
running on the machine is out of sight. In its own PID namespace, with its
own /proc, a snippet's ``pkill`` sees only its own run's processes, and all
that runs there ends when the namespace's first process does. Standard
library only: the noxfile uses it too.
"""

from __future__ import annotations

import os
import shutil
import subprocess

# --kill-child: the namespace's first process dies with unshare, and with it
# every process in the namespace.
UNSHARE = ["unshare", "--net", "--pid", "--fork", "--kill-child", "--mount-proc"]


def unshare_command(network: bool = True) -> list[str]:
    """The unshare command line that puts what follows in namespaces of its own.

    Without `network`, what follows keeps the host's network (a server a
    browser on the machine reaches) and may make hosts of its own.
    """
    command = [arg for arg in UNSHARE if network or arg != "--net"]
    return [*command, "--map-root-user"] if os.geteuid() != 0 else command


def own_namespaces(command: list[str], network: bool = True, label: str = "isolated") -> list[str]:
    """`command` in network, PID and mount namespaces of its own, its loopback up.

    Without `network`, it keeps the host's network (see `unshare_command`).
    `label` names the shell that brings the loopback up, in `ps` and its errors.
    """
    up = f"{ip()} link set lo up" if network else "true"
    return [*unshare_command(network), "sh", "-c", f'{up} && exec "$@"', label, *command]


def unavailable() -> str | None:
    """Why namespaces cannot be had here, or None when they can."""
    probe = subprocess.run([*unshare_command(), "true"], capture_output=True, text=True)
    return probe.stderr.strip() or "unshare failed" if probe.returncode else None


def ip() -> str:
    return shutil.which("ip", path="/usr/sbin:/sbin:/usr/bin:/bin") or "ip"


def bring_up_loopback() -> None:
    """A new network namespace starts with its loopback interface down."""
    subprocess.run([ip(), "link", "set", "lo", "up"], check=True)
