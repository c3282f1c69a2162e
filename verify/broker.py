"""A private, throwaway RabbitMQ node for the snippets to run against.

The node has its own name, cookie, data, logs and plugin list, all in one
temporary directory, and its own epmd. It listens on the standard ports on
loopback, so the snippets reach it exactly as printed (``localhost:5672``);
``nox -s tests`` runs the suite in a private network namespace, where those
ports are free even when another broker runs on the machine.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from verify.layout import CONF
from verify.processes import stop_group

# Debian's /usr/sbin wrappers switch to the rabbitmq user and drop the
# environment; the scripts they wrap honour it.
RABBITMQ_BIN = Path("/usr/lib/rabbitmq/bin")

NODE_NAME = "rabbit@localhost"
PORTS = {"AMQP": 5672, "management": 15672, "distribution": 25672, "epmd": 4369}
START_TIMEOUT = 60
STOP_TIMEOUT = 30


# One CLI call (each costs a fraction of a second) lists everything a
# snippet may create or change, one tab-separated line per item.
STATE_EXPRESSION = """
Lines =
  [io_lib:format("queue\t~ts\t~ts", [VHost, Name])
   || Q <- rabbit_amqqueue:list(), {resource, VHost, queue, Name} <- [amqqueue:get_name(Q)]]
  ++ [io_lib:format("exchange\t~ts\t~ts", [VHost, Name])
      || X <- rabbit_exchange:list(), {resource, VHost, exchange, Name} <- [element(2, X)]]
  ++ [io_lib:format("vhost\t~ts", [VHost]) || VHost <- rabbit_vhost:list_names()]
  ++ [io_lib:format("user\t~ts\t~w", [proplists:get_value(user, U), proplists:get_value(tags, U)])
      || U <- rabbit_auth_backend_internal:list_users()]
  ++ [io_lib:format("permissions\t~ts\t~ts\t~ts\t~ts\t~ts", [proplists:get_value(K, P)
        || K <- [vhost, user, configure, write, read]])
      || P <- rabbit_auth_backend_internal:list_permissions()]
  ++ [io_lib:format("disk_free_limit\t~w", [rabbit_disk_monitor:get_disk_free_limit()]),
      io_lib:format("connections\t~w", [length(rabbit_networking:connections())])],
io:format("~ts~n", [lists:join("\n", Lines)]).
"""


class BrokerError(RuntimeError):
    """The broker cannot be started here; the message says what to do."""


def check_installed() -> None:
    if not (RABBITMQ_BIN / "rabbitmq-server").exists():
        raise BrokerError(
            f"RabbitMQ is not installed ({RABBITMQ_BIN}/rabbitmq-server is missing).\n"
            "Install it with:  sudo apt-get install rabbitmq-server\n"
            "(`nox -s tests` does this for you when run as root.)"
        )


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

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="rabbitmq-cheatsheet-"))
        self.env = self._environment()
        self._epmd: subprocess.Popen | None = None
        self._server: subprocess.Popen | None = None

    def _environment(self) -> dict[str, str]:
        home = self.root / "home"
        home.mkdir()
        cookie = home / ".erlang.cookie"
        cookie.write_text(secrets.token_hex(20))
        cookie.chmod(0o400)
        # Copies, so that the node's files are all in one place, and because
        # `rabbitmq-plugins enable` rewrites the plugins file.
        for name in ("rabbitmq.conf", "enabled_plugins"):
            shutil.copyfile(CONF / name, self.root / name)
        no_env_file = self.root / "rabbitmq-env.conf"
        no_env_file.touch()
        env = dict(os.environ)
        env.update(
            HOME=str(home),
            PATH=f"{RABBITMQ_BIN}{os.pathsep}{env.get('PATH', '')}",
            RABBITMQ_NODENAME=NODE_NAME,
            RABBITMQ_CONF_ENV_FILE=str(no_env_file),
            RABBITMQ_CONFIG_FILE=str(self.root / "rabbitmq.conf"),
            RABBITMQ_ADVANCED_CONFIG_FILE=str(self.root / "advanced.config"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(self.root / "enabled_plugins"),
            RABBITMQ_MNESIA_BASE=str(self.root / "mnesia"),
            RABBITMQ_LOG_BASE=str(self.root / "log"),
            RABBITMQ_PID_FILE=str(self.root / "rabbit.pid"),
        )
        return env

    # -- life cycle ---------------------------------------------------------

    def start(self) -> None:
        check_installed()
        check_ports_free()
        # Our own epmd, in the foreground, so that stopping it is ours to do:
        # one the node started itself would outlive the node.
        self._epmd = subprocess.Popen(
            ["epmd"], env=self.env, start_new_session=True, stdout=subprocess.DEVNULL
        )
        self.root.joinpath("log").mkdir()
        self._start_server()

    def _start_server(self) -> None:
        with open(self.root / "log" / "server.out", "ab") as out:
            self._server = subprocess.Popen(
                [str(RABBITMQ_BIN / "rabbitmq-server")],
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
                # The server script exits 0 even when boot fails: exiting at
                # all is the failure.
                raise BrokerError(f"RabbitMQ exited while starting.\n{self.log_tail()}")
            done = self.ctl("await_startup", "--timeout", "10", check=False, timeout=20)
            if done.returncode == 0:
                return
            time.sleep(0.5)
        raise BrokerError(f"RabbitMQ did not start within {START_TIMEOUT}s.\n{self.log_tail()}")

    def stop(self) -> None:
        if self._server is not None and self._server.poll() is None:
            self.ctl("shutdown", check=False, timeout=STOP_TIMEOUT)
        for process in (self._server, self._epmd):
            if process is not None:
                stop_group(process, grace=STOP_TIMEOUT)
        self._server = self._epmd = None

    def restart(self) -> None:
        """Stop the node and start it again on the same data."""
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
        self.stop()
        self.remove()

    # -- talking to it ------------------------------------------------------

    def ctl(
        self, *args: str, tool: str = "rabbitmqctl", check: bool = True, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Run one of the RabbitMQ command line tools against this node."""
        result = subprocess.run(
            [str(RABBITMQ_BIN / tool), *args],
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

    def versions(self) -> dict[str, str]:
        """The RabbitMQ and Erlang/OTP versions the node runs on."""
        rabbitmq = self.ctl("-q", "server_version", tool="rabbitmq-diagnostics").stdout
        erlang = self.ctl("-q", "erlang_version", tool="rabbitmq-diagnostics").stdout
        # "Erlang/OTP 25.2.3 [erts-13.1.5] [source] [64-bit] ..." -> "25.2.3"
        otp = re.search(r"Erlang/OTP (\S+)", erlang)
        return {"rabbitmq": rabbitmq.strip(), "erlang": otp[1] if otp else erlang.strip()}

    # -- leaving it as it was found --------------------------------------------

    def state(self) -> frozenset[str]:
        """What a snippet may change: one line per queue, exchange, user, ..."""
        printed = self.ctl("eval", STATE_EXPRESSION).stdout.splitlines()
        plugins = Path(self.env["RABBITMQ_ENABLED_PLUGINS_FILE"]).read_text().strip()
        return frozenset([line for line in printed if "\t" in line] + [f"plugins\t{plugins}"])

    def reset(self, baseline: frozenset[str]) -> None:
        """Undo what snippets did since `baseline` was taken, or say what cannot be undone."""
        now = self.state()
        if now == baseline:
            return
        for line in sorted(now - baseline):
            kind, *fields = line.split("\t")
            if kind == "queue":
                self.ctl("delete_queue", "-p", fields[0], fields[1])
            elif kind == "exchange":
                # rabbitmqctl has no delete_exchange.
                name = (
                    f"rabbit_misc:r({_erl_binary(fields[0])}, exchange, {_erl_binary(fields[1])})"
                )
                self.ctl("eval", f'rabbit_exchange:delete({name}, false, <<"tests">>).')
            elif kind == "user":
                if not any(old.startswith(f"user\t{fields[0]}\t") for old in baseline):
                    self.ctl("delete_user", fields[0])
            elif kind == "vhost":
                self.ctl("delete_vhost", fields[0])
        for line in sorted(baseline - now):
            kind, *fields = line.split("\t")
            if kind == "user":
                self.ctl(
                    "set_user_tags", fields[0], *filter(None, fields[1].strip("[]").split(","))
                )
            elif kind == "permissions":
                self.ctl("set_permissions", "-p", *fields)
            elif kind == "disk_free_limit":
                self.ctl("set_disk_free_limit", fields[0])
            elif kind == "plugins":
                enabled = fields[0].strip("[].").split(",")
                self.ctl("set", *filter(None, enabled), tool="rabbitmq-plugins")
        if any(line.startswith("connections\t") for line in now - baseline):
            # Left open by a snippet that failed before closing it.
            self.ctl("close_all_connections", "closed after the page's last snippet")
        for _ in range(20):
            now = self.state()
            if now == baseline:
                return
            time.sleep(0.25)
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


def _erl_binary(text: str) -> str:
    return '<<"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"/utf8>>'
