"""The node's own directory: its configuration, cookie, data, logs, and the lane's tools on its PATH."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

from verify.broker import service
from verify.core.lanes import Lane
from verify.core.layout import CONF
from verify.isolation import roots
from verify.isolation.roots import RABBITMQ_BIN

# The HTTP API's command line client, where a package of the root installs it.
RABBITMQADMIN = Path("/usr/bin/rabbitmqadmin")
# The command a reader's terminal finds on its PATH for each RabbitMQ tool:
# the lane's own, run inside its root, in the folder the reader is in.
TOOL_WRAPPER = """#!/bin/sh
exec chroot {root} /usr/bin/env --chdir="$PWD" PATH={path} {tool} "$@"
"""
# AMQP and Erlang distribution on loopback only (conf/rabbitmq.conf), or on
# every interface, for a node that clients and nodes on other hosts reach.
ON_ALL_INTERFACES = {
    "listeners.tcp.1 = 127.0.0.1:5672": "listeners.tcp.1 = 0.0.0.0:5672",
    "distribution.listener.interface = 127.0.0.1": "distribution.listener.interface = 0.0.0.0",
}


def environment(root: Path, name: str, cookie: str, reachable: bool) -> dict[str, str]:
    """Make the node's files under `root`; the environment its node, CLI and erl_call read them from."""
    home = root / "home"
    home.mkdir()
    cookie_file = home / ".erlang.cookie"
    cookie_file.write_text(cookie)
    cookie_file.chmod(0o400)
    # Copies, so that the node's files are all in one place, and because
    # `rabbitmq-plugins enable` rewrites the plugins file.
    for file in ("rabbitmq.conf", "enabled_plugins"):
        shutil.copyfile(CONF / file, root / file)
    if reachable:
        config = root / "rabbitmq.conf"
        text = config.read_text()
        for loopback, everywhere in ON_ALL_INTERFACES.items():
            text = text.replace(loopback, everywhere)
        config.write_text(text)
    no_env_file = root / "rabbitmq-env.conf"
    no_env_file.touch()
    # Its own conf.d, where a page's configuration fragments go (verify/run/kinds/conf.py).
    (root / "conf.d").mkdir()
    tools = root / "bin"
    tools.mkdir()
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        PATH=f"{tools}{os.pathsep}{env.get('PATH', '')}",
        RABBITMQ_NODENAME=name,
        RABBITMQ_CONF_ENV_FILE=str(no_env_file),
        RABBITMQ_CONFIG_FILE=str(root / "rabbitmq.conf"),
        RABBITMQ_CONFIG_FILES=str(root / "conf.d"),
        RABBITMQ_ADVANCED_CONFIG_FILE=str(root / "advanced.config"),
        RABBITMQ_ENABLED_PLUGINS_FILE=str(root / "enabled_plugins"),
        RABBITMQ_MNESIA_BASE=str(root / "mnesia"),
        RABBITMQ_LOG_BASE=str(root / "log"),
        RABBITMQ_PID_FILE=str(root / "rabbit.pid"),
        # Not into the root file system, which every run of its version shares.
        ERL_CRASH_DUMP=str(root / "log" / "erl_crash.dump"),
    )
    return env


def install_tools(root: Path, lane: Lane, env: dict[str, str]) -> None:
    """Put the lane's RabbitMQ tools, and its `systemctl`, on the PATH of the snippets and the run."""
    tools = root / "bin"
    installed = [
        RABBITMQ_BIN / tool.name
        for tool in sorted((lane.root / RABBITMQ_BIN.relative_to("/")).iterdir())
    ]
    # The HTTP API's command line client, where the lane's packages install
    # one: Debian's rabbitmq-server up to 4.0 ships v1, 4.3 depends on v2.
    if (lane.root / RABBITMQADMIN.relative_to("/")).exists():
        installed.append(RABBITMQADMIN)
    for tool in installed:
        wrapper = tools / tool.name
        wrapper.write_text(
            TOOL_WRAPPER.format(
                root=shlex.quote(str(lane.root)),
                path=roots.PATH,
                tool=shlex.quote(str(tool)),
            )
        )
        wrapper.chmod(0o755)
    service.install(tools, root / "service", env["RABBITMQ_PID_FILE"], root / "log" / "server.out")


def log_tail(root: Path, lines: int = 30) -> str:
    """The last lines of each of the node's logs."""
    logs = sorted(root.joinpath("log").glob("*"))
    text = "\n".join(
        f"--- {log}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        for log in logs
    )
    return text or f"(no log under {root / 'log'})"
