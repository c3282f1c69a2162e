"""A private, throwaway RabbitMQ node for the snippets to run against: its life, from start to removal.

The node is one lane's broker (verify/core/lanes.py), run from that lane's root
file system (verify/isolation/roots.py). It has its own name, cookie, data, logs and
plugin list, all in one temporary directory (verify/broker/directory.py), and its
own epmd. It listens on the standard ports on loopback, so the snippets reach it
exactly as printed (``localhost:5672``); ``nox -s tests`` runs each worker in a
private network namespace, where those ports are free even when another broker
runs on the machine. The RabbitMQ tools the snippets call are the lane's own, and
`systemctl` stops, starts and restarts the node as Debian's unit does
(verify/broker/service.py). The run talks to it over erl_call
(verify/broker/erl_call.py) and puts its state back after each page
(verify/broker/put_back.py).
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from verify.broker import directory, erl_call, put_back, service
from verify.broker.erl_call import BrokerError, binary
from verify.core.lanes import Lane, primary
from verify.isolation import roots
from verify.isolation.hosts import Host
from verify.isolation.processes import stop_group
from verify.isolation.roots import RABBITMQ_BIN, RootError

# What callers import from here: the node, its errors, and Erlang's binaries.
__all__ = ["BrokerError", "PrivateBroker", "binary", "check_ports_free", "on_a_host_of_its_own"]

NODE_NAME = "rabbit@localhost"
PORTS = {"AMQP": 5672, "management": 15672, "distribution": 25672, "epmd": 4369}
START_TIMEOUT = 60
STOP_TIMEOUT = 30


def check_ports_free() -> None:
    for purpose, port in PORTS.items():
        with socket.socket() as probe:
            # A port a node just let go (its connections in TIME_WAIT) is free.
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
        owns_host: bool = False,
    ) -> None:
        """`reachable`: clients and nodes on other hosts may connect, not only local
        ones; `name`: its node name; `cookie`: its Erlang cookie, the same for
        the nodes of one cluster (its own by default); `owns_host`: its host
        goes when it is removed."""
        self.lane = lane or primary()
        # The host it runs on; None for the one this process is on.
        self.host = host
        self.owns_host = owns_host
        self.name = name
        self.root = Path(tempfile.mkdtemp(prefix="rabbitmq-cheatsheet-"))
        self.env = directory.environment(
            self.root, name, cookie or secrets.token_hex(20), reachable
        )
        self._epmd: subprocess.Popen | None = None
        self._server: subprocess.Popen | None = None

    def inside_root(self, command: list[str]) -> list[str]:
        """A command of the lane's root file system, run in it."""
        return roots.chroot(self.lane, command)

    def inside(self) -> AbstractContextManager:
        """Where its programs must start: on its host."""
        return self.host if self.host is not None else nullcontext()

    # -- life cycle ---------------------------------------------------------

    def start(self) -> None:
        with self.inside():
            self._start()

    def _start(self) -> None:
        try:
            roots.enter(self.lane)
            self.env["RABBITMQ_PLUGINS_DIR"] = roots.plugins_directory(self.lane)
        except RootError as error:
            raise BrokerError(str(error)) from None
        directory.install_tools(self.root, self.lane, self.env)
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
        # Not how an earlier run of it ended (a failed boot), read before its supervisor starts.
        service.clear(self.root / "service")
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
            if self._server.poll() is not None or service.failed(self.root / "service"):
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
        """Its files go, and its host if it is its own."""
        shutil.rmtree(self.root, ignore_errors=True)
        if self.owns_host and self.host is not None:
            self.host.close()

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

    def log_tail(self, lines: int = 30) -> str:
        return directory.log_tail(self.root, lines)

    # -- talking to it ------------------------------------------------------

    def ctl(
        self, *args: str, tool: str = "rabbitmqctl", check: bool = True, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Run one of the RabbitMQ command line tools against this node."""
        with self.inside():
            result = subprocess.run(
                self.inside_root([str(RABBITMQ_BIN / tool), *args]),
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        if check and result.returncode != 0:
            raise BrokerError(
                f"`{tool} {' '.join(args)}` failed with exit code {result.returncode}:\n"
                f"{result.stdout}{result.stderr}"
            )
        return result

    def evaluate(self, expressions: str, timeout: float = 30) -> str:
        """Evaluate Erlang expressions on the node (verify/broker/erl_call.py); the last one's value, as text."""
        return erl_call.evaluate(self, expressions, timeout)

    def versions(self) -> dict[str, str]:
        """The RabbitMQ and Erlang/OTP versions the node runs on."""
        rabbitmq = self.evaluate("rabbit_misc:version()")
        erlang = self.evaluate(
            "{ok, Version} = file:read_file(filename:join([code:root_dir(), "
            '"releases", erlang:system_info(otp_release), "OTP_VERSION"])), Version'
        )
        return {"rabbitmq": rabbitmq.strip(), "erlang": erlang.strip()}

    # -- leaving it as it was found ----------------------------------------------

    def state(self) -> frozenset[str]:
        """What a snippet may change: one line per queue, exchange, user, ... (verify/broker/state.py)."""
        return put_back.snapshot(self)

    def reset(self, baseline: frozenset[str]) -> None:
        """Undo what snippets did since `baseline` was taken, or say what cannot be undone."""
        put_back.put_back(self, baseline)


def on_a_host_of_its_own(
    lane: Lane | None = None, host_name: str | None = None, *, start_broker=PrivateBroker, **options
) -> PrivateBroker:
    """A broker, not started yet, on a new host (a network namespace, named `host_name`
    if given one) that goes when the broker is removed; `start_broker`: what makes
    it (another only in the engine's own tests), given `options`."""
    host = Host(host_name)
    try:
        return start_broker(lane, host, owns_host=True, **options)
    except BaseException:
        host.close()
        raise
