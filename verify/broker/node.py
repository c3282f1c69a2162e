"""A private, throwaway RabbitMQ node for the snippets to run against.

The node is one lane's broker (verify/core/lanes.py), run from that lane's root
file system (verify/isolation/roots.py). It has its own name, cookie, data, logs and
plugin list, all in one temporary directory, and its own epmd. It listens on
the standard ports on loopback, so the snippets reach it exactly as printed
(``localhost:5672``); ``nox -s tests`` runs each worker in a private network
namespace, where those ports are free even when another broker runs on the
machine. The RabbitMQ tools the snippets call are the lane's own, and
`systemctl` stops, starts and restarts the node as Debian's unit does
(verify/broker/service.py).
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from verify.broker import service
from verify.core.lanes import Lane, primary
from verify.core.layout import CONF
from verify.isolation import roots
from verify.isolation.hosts import Host
from verify.isolation.roots import RABBITMQ_BIN, RootError
from verify.run.processes import eventually, stop_group

NODE_NAME = "rabbit@localhost"
# The HTTP API's command line client, where a package of the root installs it.
RABBITMQADMIN = Path("/usr/bin/rabbitmqadmin")
# Erlang/OTP's own client for talking to a node, from the lane's erlang-base.
ERL_CALL = "erl_call"
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
PORTS = {"AMQP": 5672, "management": 15672, "distribution": 25672, "epmd": 4369}
START_TIMEOUT = 60
# How many times the run's own questions try to reach a running node.
CONNECT_ATTEMPTS = 3
STOP_TIMEOUT = 30


# Everything a snippet may create or change, one tab-separated line per item.
# Listeners come with the settings that open them: start_app applies the
# ones rabbitmq.conf sets and keeps the others as they were, so a listener
# whose lines a page took out again would come back at the next page's
# start_app.
STATE_EXPRESSION = """
Lines =
  [io_lib:format("queue\t~ts\t~ts", [VHost, Name])
   || Q <- rabbit_amqqueue:list(), {resource, VHost, queue, Name} <- [amqqueue:get_name(Q)]]
  ++ [io_lib:format("exchange\t~ts\t~ts", [VHost, Name])
      || X <- rabbit_exchange:list(), {resource, VHost, exchange, Name} <- [element(2, X)]]
  ++ [io_lib:format("vhost\t~ts", [VHost]) || VHost <- rabbit_vhost:list_names()]
  ++ [io_lib:format("policy\t~ts\t~ts", [proplists:get_value(vhost, P), proplists:get_value(name, P)])
      || P <- rabbit_policy:list()]
  ++ [io_lib:format("user\t~ts\t~w", [proplists:get_value(user, U), proplists:get_value(tags, U)])
      || U <- rabbit_auth_backend_internal:list_users()]
  ++ [io_lib:format("permissions\t~ts\t~ts\t~ts\t~ts\t~ts", [proplists:get_value(K, P)
        || K <- [vhost, user, configure, write, read]])
      || P <- rabbit_auth_backend_internal:list_permissions()]
  ++ [io_lib:format("disk_free_limit\t~w", [rabbit_disk_monitor:get_disk_free_limit()]),
      io_lib:format("vm_memory_high_watermark\t~w", [vm_memory_monitor:get_vm_memory_high_watermark()]),
      io_lib:format("connections\t~w", [length(rabbit_networking:connections())])]
  ++ [io_lib:format("listener\t~ts\t~ts\t~w", [Protocol, inet:ntoa(IP), Port])
      || {listener, _, Protocol, _, IP, Port, _} <- rabbit_networking:node_listeners(node())]
  ++ [io_lib:format("rabbit_env\t~ts\t~ts", [Key, io_lib:print(Value, 1, 1000000, -1)])
      || Key <- [tcp_listeners, ssl_listeners, ssl_options],
         Value <- [application:get_env(rabbit, Key, undefined)]],
lists:join("\n", Lines)
"""


class BrokerError(RuntimeError):
    """The broker cannot be started here; the message says what to do."""


def check_ports_free() -> None:
    for purpose, port in PORTS.items():
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                raise BrokerError(
                    f"Port {port} ({purpose}) on 127.0.0.1 is already in use, "
                    "probably by a RabbitMQ broker or epmd already running here.\n"
                    "The tests start their own broker on the standard ports and never "
                    "touch another one. Run them with `nox -s tests`, which gives "
                    "that broker a private network namespace, or stop whatever holds "
                    f"the port (`ss -ltnp 'sport = :{port}'` shows it)."
                ) from None


class PrivateBroker:
    """Start, query and stop one private node; usable as a context manager."""

    def __init__(
        self,
        lane: Lane | None = None,
        host: Host | None = None,
        *,
        reachable: bool = False,
        name: str = NODE_NAME,
        cookie: str | None = None,
    ) -> None:
        """`reachable`: clients and nodes on other hosts may connect, not only local
        ones; `name`: its node name; `cookie`: its Erlang cookie, the same for
        the nodes of one cluster (its own by default)."""
        self.lane = lane or primary()
        # The host it runs on; None for the one this process is on.
        self.host = host
        self.name = name
        self.root = Path(tempfile.mkdtemp(prefix="rabbitmq-cheatsheet-"))
        self.env = self._environment(cookie or secrets.token_hex(20))
        if reachable:
            config = self.root / "rabbitmq.conf"
            text = config.read_text()
            for loopback, everywhere in ON_ALL_INTERFACES.items():
                text = text.replace(loopback, everywhere)
            config.write_text(text)
        self._epmd: subprocess.Popen | None = None
        self._server: subprocess.Popen | None = None

    def _environment(self, cookie: str) -> dict[str, str]:
        # The node, its CLI and erl_call all read it from here.
        home = self.root / "home"
        home.mkdir()
        cookie_file = home / ".erlang.cookie"
        cookie_file.write_text(cookie)
        cookie_file.chmod(0o400)
        # Copies, so that the node's files are all in one place, and because
        # `rabbitmq-plugins enable` rewrites the plugins file.
        for name in ("rabbitmq.conf", "enabled_plugins"):
            shutil.copyfile(CONF / name, self.root / name)
        no_env_file = self.root / "rabbitmq-env.conf"
        no_env_file.touch()
        # Its own conf.d, where a page's configuration fragments go (verify/run/kinds/conf.py).
        (self.root / "conf.d").mkdir()
        tools = self.root / "bin"
        tools.mkdir()
        env = dict(os.environ)
        env.update(
            HOME=str(home),
            PATH=f"{tools}{os.pathsep}{env.get('PATH', '')}",
            RABBITMQ_NODENAME=self.name,
            RABBITMQ_CONF_ENV_FILE=str(no_env_file),
            RABBITMQ_CONFIG_FILE=str(self.root / "rabbitmq.conf"),
            RABBITMQ_CONFIG_FILES=str(self.root / "conf.d"),
            RABBITMQ_ADVANCED_CONFIG_FILE=str(self.root / "advanced.config"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(self.root / "enabled_plugins"),
            RABBITMQ_MNESIA_BASE=str(self.root / "mnesia"),
            RABBITMQ_LOG_BASE=str(self.root / "log"),
            RABBITMQ_PID_FILE=str(self.root / "rabbit.pid"),
            # Not into the root file system, which every run of its version shares.
            ERL_CRASH_DUMP=str(self.root / "log" / "erl_crash.dump"),
        )
        return env

    def _install_tools(self) -> None:
        """Put the lane's RabbitMQ tools on the PATH of the snippets and the run."""
        tools = self.root / "bin"
        installed = [
            RABBITMQ_BIN / tool.name
            for tool in sorted((self.lane.root / RABBITMQ_BIN.relative_to("/")).iterdir())
        ]
        # The HTTP API's command line client, where the lane's packages install
        # one: Debian's rabbitmq-server up to 4.0 ships v1, 4.3 depends on v2.
        if (self.lane.root / RABBITMQADMIN.relative_to("/")).exists():
            installed.append(RABBITMQADMIN)
        for tool in installed:
            wrapper = tools / tool.name
            wrapper.write_text(
                TOOL_WRAPPER.format(
                    root=shlex.quote(str(self.lane.root)),
                    path=roots.PATH,
                    tool=shlex.quote(str(tool)),
                )
            )
            wrapper.chmod(0o755)
        service.install(
            tools,
            self.root / "service",
            self.env["RABBITMQ_PID_FILE"],
            self.root / "log" / "server.out",
        )

    def inside_root(self, command: list[str]) -> list[str]:
        """A command of the lane's root file system, run in it."""
        return roots.chroot(self.lane, command)

    # -- life cycle ---------------------------------------------------------

    def inside(self) -> AbstractContextManager:
        """Where its programs must start: on its host."""
        return self.host if self.host is not None else nullcontext()

    def start(self) -> None:
        with self.inside():
            self._start()

    def _start(self) -> None:
        try:
            roots.enter(self.lane)
            self.env["RABBITMQ_PLUGINS_DIR"] = roots.plugins_directory(self.lane)
        except RootError as error:
            raise BrokerError(str(error)) from None
        self._install_tools()
        check_ports_free()
        # Our own epmd, in the foreground, so that stopping it is ours to do:
        # one the node started itself would outlive the node.
        self._epmd = subprocess.Popen(
            self.inside_root(["epmd"]),
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        # Again, when started anew on the same data.
        self.root.joinpath("log").mkdir(exist_ok=True)
        self._start_server()

    def _start_server(self) -> None:
        with self.inside(), open(self.root / "log" / "server.out", "ab") as out:
            # Under a supervisor, so that `systemctl restart` can start it again.
            self._server = subprocess.Popen(
                service.supervised(
                    self.root / "service", self.inside_root([str(RABBITMQ_BIN / "rabbitmq-server")])
                ),
                env=self.env,
                start_new_session=True,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._await_startup()

    def _await_startup(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                # The server script may exit 0 even when boot fails: exiting
                # at all is the failure.
                raise BrokerError(f"RabbitMQ exited while starting.\n{self.log_tail()}")
            if self._booted():
                return
            time.sleep(0.1)
        raise BrokerError(f"RabbitMQ did not start within {START_TIMEOUT}s.\n{self.log_tail()}")

    def _booted(self) -> bool:
        """Whether the node has finished booting (not reachable yet: no)."""
        try:
            return self.evaluate("atom_to_list(rabbit:is_booted())", timeout=10) == "true"
        except (BrokerError, subprocess.TimeoutExpired):
            return False

    @property
    def running(self) -> bool:
        return (
            self._server is not None
            and self._server.poll() is None
            and not service.stopped(self.root / "service")
        )

    def stop(self, graceful: bool = True) -> None:
        """Stop the node (a throwaway one need not stop gracefully) and its epmd."""
        if graceful and self.running:
            self.ctl("shutdown", check=False, timeout=STOP_TIMEOUT)
        for process in (self._server, self._epmd):
            if process is not None:
                stop_group(process, grace=STOP_TIMEOUT)
        self._server = self._epmd = None

    def restart(self) -> None:
        """Stop the node and start it again on the same data."""
        # Gracefully, unless it is down already (`systemctl stop`, a failed boot).
        if self.running:
            self.ctl("shutdown", timeout=STOP_TIMEOUT)
        stop_group(self._server, grace=STOP_TIMEOUT)
        self._start_server()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PrivateBroker:
        try:
            self.start()
        except BaseException:
            self.stop()
            self.remove()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        # Its data goes with it: nothing needs flushing first.
        self.stop(graceful=False)
        self.remove()

    # -- talking to it ------------------------------------------------------

    def ctl(
        self, *args: str, tool: str = "rabbitmqctl", check: bool = True, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Run one of the RabbitMQ command line tools against this node."""
        with self.inside():
            result = self._run(args, tool, timeout)
        if check and result.returncode != 0:
            raise BrokerError(
                f"`{tool} {' '.join(args)}` failed with exit code {result.returncode}:\n"
                f"{result.stdout}{result.stderr}"
            )
        return result

    def _run(self, args, tool: str, timeout: float) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.inside_root([str(RABBITMQ_BIN / tool), *args]),
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def evaluate(self, expressions: str, timeout: float = 30) -> str:
        """Evaluate Erlang expressions on the node; return the last one's value, which is text.

        The run's own questions go through erl_call, Erlang/OTP's client that
        talks to the node directly: a few milliseconds, where each CLI call
        starts a virtual machine of its own (about half a second of CPU).
        The snippets use the CLI, as readers do.
        """
        # Base64, so that the text comes back whatever characters it holds.
        wrapped = (
            f"base64:encode_to_string(unicode:characters_to_binary(begin {expressions} end)).\n"
        )
        for attempt in range(CONNECT_ATTEMPTS):
            with self.inside():
                result = subprocess.run(
                    self.inside_root([ERL_CALL, "-sname", self.name, "-e"]),
                    input=wrapped,
                    env=self.env,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                )
            # A node under load may miss a connection; it is still there.
            if "failed to connect" not in result.stderr or not self.running:
                break
            time.sleep(0.5 * (attempt + 1))
        value = re.fullmatch(r"\{ok,\s*\"([A-Za-z0-9+/=]*)\"\}\s*", result.stdout)
        if result.returncode != 0 or value is None:
            raise BrokerError(
                f"erl_call could not evaluate this on {self.name} (exit code "
                f"{result.returncode}):\n{expressions}\n{result.stdout}{result.stderr}"
            )
        return base64.b64decode(value[1]).decode()

    def versions(self) -> dict[str, str]:
        """The RabbitMQ and Erlang/OTP versions the node runs on."""
        rabbitmq = self.evaluate("rabbit_misc:version()")
        erlang = self.evaluate(
            "{ok, Version} = file:read_file(filename:join([code:root_dir(), "
            '"releases", erlang:system_info(otp_release), "OTP_VERSION"])), Version'
        )
        return {"rabbitmq": rabbitmq.strip(), "erlang": erlang.strip()}

    # -- leaving it as it was found --------------------------------------------

    def state(self) -> frozenset[str]:
        """What a snippet may change: one line per queue, exchange, user, ..."""
        return self._state_from(self.evaluate(STATE_EXPRESSION))

    def _state_from(self, printed: str) -> frozenset[str]:
        plugins = Path(self.env["RABBITMQ_ENABLED_PLUGINS_FILE"]).read_text().strip()
        # A page that edits rabbitmq.conf or conf.d/ must leave them as it found
        # them: the next restart or start_app reads them.
        config = Path(self.env["RABBITMQ_CONFIG_FILE"]).read_text()
        conf_d = Path(self.env["RABBITMQ_CONFIG_FILES"]).iterdir()
        fragments = [f"config\t{path.name}\t{path.read_text()!r}" for path in conf_d]
        lines = [line for line in printed.splitlines() if "\t" in line]
        return frozenset([*lines, f"plugins\t{plugins}", f"config\t{config!r}", *fragments])

    def reset(self, baseline: frozenset[str]) -> None:
        """Undo what snippets did since `baseline` was taken, or say what cannot be undone.

        One call tells whether anything changed, and one more undoes it all
        and tells the state after.
        """
        now = self.state()
        if now == baseline:
            return
        actions = undo_actions(now, baseline)
        plugins = [line for line in baseline - now if line.startswith("plugins\t")]
        if plugins:
            # As `rabbitmq-plugins set` does: the file, then the node made to match it.
            path = Path(self.env["RABBITMQ_ENABLED_PLUGINS_FILE"])
            path.write_text(plugins[0].split("\t", 1)[1] + "\n")
            actions.append(f'{{ok, _, _}} = rabbit_plugins:ensure("{path}")')
        if actions:
            printed = self.evaluate(",\n".join([*actions, STATE_EXPRESSION.strip()]))
            now = self._state_from(printed)
        if now != baseline:
            now = eventually(lambda: self.state() == baseline and baseline, 5) or self.state()
        if now != baseline:
            raise BrokerError(
                "the broker could not be put back as it was:\n"
                + "".join(f"  now:    {line}\n" for line in sorted(now - baseline))
                + "".join(f"  before: {line}\n" for line in sorted(baseline - now))
            )

    def log_tail(self, lines: int = 30) -> str:
        logs = sorted(self.root.joinpath("log").glob("*"))
        text = "\n".join(
            f"--- {log}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
            for log in logs
        )
        return text or f"(no log under {self.root / 'log'})"


def undo_actions(now: frozenset[str], baseline: frozenset[str]) -> list[str]:
    """Erlang expressions that take the broker from `now` back to `baseline`."""
    by = '<<"cheatsheet">>'
    added = [line.split("\t") for line in sorted(now - baseline)]
    removed = [line.split("\t") for line in sorted(baseline - now)]
    old_users = {line.split("\t")[1] for line in baseline if line.startswith("user\t")}
    old_vhosts = {line.split("\t")[1] for line in baseline if line.startswith("vhost\t")}
    actions = []
    if any(kind == "connections" for kind, *_ in added):
        # Left open by a snippet that failed before closing it; their
        # exclusive queues go with them.
        actions.append(
            '[rabbit_networking:close_connection(Pid, "closed after the page\'s last snippet") '
            "|| Pid <- rabbit_networking:connections()]"
        )
        actions.append(WAIT_FOR_NO_CONNECTIONS)
    for kind, *fields in added:
        if kind in ("queue", "exchange", "permissions", "policy") and fields[0] not in old_vhosts:
            continue  # deleted with its vhost
        if kind == "queue":
            name = f"rabbit_misc:r({binary(fields[0])}, queue, {binary(fields[1])})"
            # A fun of its own, so that the names bound inside stay its own.
            actions.append(
                f"(fun() -> case rabbit_amqqueue:lookup({name}) of {{ok, Q}} -> "
                f"rabbit_amqqueue:delete(Q, false, false, {by}); _ -> ok end end)()"
            )
        elif kind == "exchange":
            name = f"rabbit_misc:r({binary(fields[0])}, exchange, {binary(fields[1])})"
            actions.append(f"rabbit_exchange:delete({name}, false, {by})")
        elif kind == "policy":
            # A policy left behind would go on changing the queues of later
            # pages that match its pattern.
            actions.append(f"rabbit_policy:delete({binary(fields[0])}, {binary(fields[1])}, {by})")
        elif kind == "user" and fields[0] not in old_users:
            actions.append(f"rabbit_auth_backend_internal:delete_user({binary(fields[0])}, {by})")
        elif kind == "vhost":
            actions.append(f"rabbit_vhost:delete({binary(fields[0])}, {by})")
        elif kind == "permissions" and fields[1] in old_users:
            actions.append(
                "rabbit_auth_backend_internal:clear_permissions("
                f"{binary(fields[1])}, {binary(fields[0])}, {by})"
            )
    for kind, *fields in removed:
        if kind == "user":
            tags = ", ".join(filter(None, fields[1].strip("[]").split(",")))
            actions.append(
                f"rabbit_auth_backend_internal:set_tags({binary(fields[0])}, [{tags}], {by})"
            )
        elif kind == "permissions":
            vhost, user, configure, write, read = map(binary, fields)
            actions.append(
                "rabbit_auth_backend_internal:set_permissions("
                f"{user}, {vhost}, {configure}, {write}, {read}, {by})"
            )
        elif kind == "disk_free_limit":
            actions.append(f"rabbit_disk_monitor:set_disk_free_limit({fields[0]})")
        elif kind == "rabbit_env":
            if fields[1] == "undefined":
                actions.append(f"application:unset_env(rabbit, {fields[0]})")
            else:
                # Printed on one line as Erlang reads a term back.
                actions.append(f"application:set_env(rabbit, {fields[0]}, {fields[1]})")
        elif kind == "vm_memory_high_watermark":
            # A fraction (0.6) or {absolute, Bytes}, printed as the Erlang term it is.
            actions.append(f"vm_memory_monitor:set_vm_memory_high_watermark({fields[0]})")
    for kind, *fields in added:
        if kind == "listener" and fields[0] in AMQP_LISTENERS:
            # A listener a page opened (its settings put back above) is
            # closed; until the node restarts, it would go on listening.
            # A plugin's listeners (HTTP, streams) go with the plugin.
            actions.append(f'rabbit_networking:stop_tcp_listener({{"{fields[1]}", {fields[2]}}})')
    return actions


# The node's own listeners, which rabbit_networking opens and closes: AMQP,
# and AMQP over TLS.
AMQP_LISTENERS = ("amqp", "amqp/ssl")

# Closing a connection takes effect soon after the call returns.
WAIT_FOR_NO_CONNECTIONS = """
(fun Wait(0) -> ok;
     Wait(N) -> case rabbit_networking:connections() of
                  [] -> ok;
                  _ -> timer:sleep(100), Wait(N - 1)
                end
 end)(50)"""


def binary(text: str) -> str:
    """A string as an Erlang binary literal."""
    return '<<"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"/utf8>>'
