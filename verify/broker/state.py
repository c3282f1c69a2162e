"""The broker's state as data: one row per kind of state a snippet may change, saying how
to list it, how to undo an addition and how to undo a removal.

Each item of state is one tab-separated line, its kind first
(``queue<TAB>/<TAB>orders``). A change is a line added, a line removed, or
both (a user whose tags changed: the new line added, the old one removed).
The put-back (verify/broker/put_back.py) walks the rows in this order,
undoing each row's additions and then its removals; a line no row can undo
is reported as what could not be put back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from verify.broker.erl_call import binary

# Who the node's logs name as having undone a change.
BY = '<<"cheatsheet">>'
# The node's own listeners, which rabbit_networking opens and closes: AMQP,
# and AMQP over TLS. A plugin's listeners (HTTP, streams) go with the plugin.
AMQP_LISTENERS = ("amqp", "amqp/ssl")


@dataclass(frozen=True)
class Baseline:
    """What an undo may need to know besides its own line: the baseline's users and
    vhosts, and the node's environment (where its files are)."""

    users: frozenset[str]
    vhosts: frozenset[str]
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, lines: frozenset[str], env: dict[str, str]) -> Baseline:
        def names(kind: str) -> frozenset[str]:
            return frozenset(line.split("\t")[1] for line in lines if line.startswith(kind + "\t"))

        return cls(names("user"), names("vhost"), env)


# An undo: from the fields of one line (its kind left out), the Erlang
# expression that undoes it, or None when nothing needs doing.
Undo = Callable[[list[str], Baseline], "str | None"]


def nothing(fields: list[str], baseline: Baseline) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """One kind of state: how to list it, how to undo an addition, how to undo a removal."""

    name: str
    # Listed by the node: each item's fields as io_lib:format writes them
    # (`format` of the `values`), for each binding of the generators in `source`.
    format: str = ""
    values: str = ""
    source: str = ""
    # Or listed from the node's files, outside it: the lines, from its environment.
    read: Callable[[dict[str, str]], list[str]] | None = None
    added: Undo = nothing
    removed: Undo = nothing
    # Its first field is a vhost: in a vhost the page added, it goes with the vhost.
    in_vhost: bool = False

    def listing(self) -> str:
        """The Erlang list of its lines."""
        return f'[io_lib:format("{self.name}\t{self.format}", {self.values}) || {self.source}]'


def one_line(value: str) -> str:
    """Erlang that prints a term on one line, as Erlang reads it back."""
    return f"io_lib:print({value}, 1, 1000000, -1)"


def term(fields: list[str]) -> str:
    """The term a line ends with, printed by `one_line`."""
    return fields[-1]


def resource(kind: str, fields: list[str]) -> str:
    return f"rabbit_misc:r({binary(fields[0])}, {kind}, {binary(fields[1])})"


def tags(fields: list[str]) -> str:
    return "[" + ", ".join(filter(None, fields[1].strip("[]").split(","))) + "]"


def read_plugins(env: dict[str, str]) -> list[str]:
    return [f"plugins\t{Path(env['RABBITMQ_ENABLED_PLUGINS_FILE']).read_text().strip()}"]


def enable_plugins(fields: list[str], baseline: Baseline) -> str:
    # As `rabbitmq-plugins set` does: the file, then the node made to match it.
    path = binary(baseline.env["RABBITMQ_ENABLED_PLUGINS_FILE"])
    return f"ok = file:write_file({path}, {binary(fields[0] + chr(10))}), {{ok, _, _}} = rabbit_plugins:ensure(binary_to_list({path}))"


def read_config(env: dict[str, str]) -> list[str]:
    # A page that edits rabbitmq.conf must leave it as it found it: the next
    # restart or start_app reads it. No undo: what is left is reported.
    return [f"config\t{Path(env['RABBITMQ_CONFIG_FILE']).read_text()!r}"]


# Closing a connection takes effect soon after the call returns.
CLOSE_CONNECTIONS = """
[rabbit_networking:close_connection(Pid, "closed after the page's last snippet")
 || Pid <- rabbit_networking:connections()],
(fun Wait(0) -> ok;
     Wait(N) -> case rabbit_networking:connections() of
                  [] -> ok;
                  _ -> timer:sleep(100), Wait(N - 1)
                end
 end)(50)"""

# The order is the put-back's: connections first (their exclusive queues go
# with them), a listener's settings before the listener, plugins last.
KINDS = [
    # Left open by a snippet that failed before closing it.
    Kind(
        "connections", "~w", "[length(rabbit_networking:connections())]", "_ <- [1]",
        added=lambda fields, baseline: CLOSE_CONNECTIONS,
    ),
    Kind(
        "queue", "~ts\t~ts", "[VHost, Name]",
        "Q <- rabbit_amqqueue:list(), {resource, VHost, queue, Name} <- [amqqueue:get_name(Q)]",
        # A fun of its own, so that the names bound inside stay its own.
        added=lambda fields, baseline: (
            f"(fun() -> case rabbit_amqqueue:lookup({resource('queue', fields)}) of {{ok, Q}} -> "
            f"rabbit_amqqueue:delete(Q, false, false, {BY}); _ -> ok end end)()"
        ),
        in_vhost=True,
    ),
    Kind(
        "exchange", "~ts\t~ts", "[VHost, Name]",
        "X <- rabbit_exchange:list(), {resource, VHost, exchange, Name} <- [element(2, X)]",
        added=lambda fields, baseline: (
            f"rabbit_exchange:delete({resource('exchange', fields)}, false, {BY})"
        ),
        in_vhost=True,
    ),
    # A policy left behind would go on changing the queues of later pages
    # that match its pattern.
    Kind(
        "policy", "~ts\t~ts", "[proplists:get_value(K, P) || K <- [vhost, name]]",
        "P <- rabbit_policy:list()",
        added=lambda fields, baseline: (
            f"rabbit_policy:delete({binary(fields[0])}, {binary(fields[1])}, {BY})"
        ),
        in_vhost=True,
    ),
    # A vhost's parameters: its limits, operator policies, shovels, upstreams.
    Kind(
        "parameter", "~ts\t~ts\t~ts\t~ts",
        f"[proplists:get_value(K, P) || K <- [vhost, component, name]] ++ [{one_line('proplists:get_value(value, P)')}]",
        "P <- rabbit_runtime_parameters:list()",
        added=lambda fields, baseline: (
            "rabbit_runtime_parameters:clear("
            f"{', '.join(map(binary, fields[:3]))}, {BY})"
        ),
        removed=lambda fields, baseline: (
            "rabbit_runtime_parameters:set("
            f"{', '.join(map(binary, fields[:3]))}, {term(fields)}, {BY})"
        ),
        in_vhost=True,
    ),
    Kind(
        "global_parameter", "~ts\t~ts",
        f"[proplists:get_value(name, P), {one_line('proplists:get_value(value, P)')}]",
        "P <- rabbit_runtime_parameters:list_global()",
        added=lambda fields, baseline: (
            f"rabbit_runtime_parameters:clear_global({binary(fields[0])}, {BY})"
        ),
        removed=lambda fields, baseline: (
            f"rabbit_runtime_parameters:set_global({binary(fields[0])}, {term(fields)}, {BY})"
        ),
    ),
    Kind(
        "permissions", "~ts\t~ts\t~ts\t~ts\t~ts",
        "[proplists:get_value(K, P) || K <- [vhost, user, configure, write, read]]",
        "P <- rabbit_auth_backend_internal:list_permissions()",
        # A user the page added takes its permissions with it.
        added=lambda fields, baseline: (
            "rabbit_auth_backend_internal:clear_permissions("
            f"{binary(fields[1])}, {binary(fields[0])}, {BY})"
            if fields[1] in baseline.users
            else None
        ),
        removed=lambda fields, baseline: (
            "rabbit_auth_backend_internal:set_permissions("
            f"{binary(fields[1])}, {binary(fields[0])}, "
            f"{', '.join(map(binary, fields[2:]))}, {BY})"
        ),
        in_vhost=True,
    ),
    Kind(
        "topic_permissions", "~ts\t~ts\t~ts\t~ts\t~ts",
        "[proplists:get_value(K, P) || K <- [vhost, user, exchange, write, read]]",
        "P <- rabbit_auth_backend_internal:list_topic_permissions()",
        added=lambda fields, baseline: (
            "rabbit_auth_backend_internal:clear_topic_permissions("
            f"{binary(fields[1])}, {binary(fields[0])}, {binary(fields[2])}, {BY})"
            if fields[1] in baseline.users
            else None
        ),
        removed=lambda fields, baseline: (
            "rabbit_auth_backend_internal:set_topic_permissions("
            f"{binary(fields[1])}, {binary(fields[0])}, "
            f"{', '.join(map(binary, fields[2:]))}, {BY})"
        ),
        in_vhost=True,
    ),
    # A user whose tags changed is both added (new tags) and removed (old ones).
    Kind(
        "user", "~ts\t~w", "[proplists:get_value(K, U) || K <- [user, tags]]",
        "U <- rabbit_auth_backend_internal:list_users()",
        added=lambda fields, baseline: (
            f"rabbit_auth_backend_internal:delete_user({binary(fields[0])}, {BY})"
            if fields[0] not in baseline.users
            else None
        ),
        removed=lambda fields, baseline: (
            f"rabbit_auth_backend_internal:set_tags({binary(fields[0])}, {tags(fields)}, {BY})"
        ),
    ),
    Kind(
        "user_limits", "~ts\t~ts", f"[User, {one_line('Limits')}]",
        "{User, Limits} <- rabbit_auth_backend_internal:get_user_limits(), map_size(Limits) > 0",
        added=lambda fields, baseline: (
            "rabbit_auth_backend_internal:clear_user_limits("
            f'{binary(fields[0])}, <<"all">>, {BY})'
            if fields[0] in baseline.users
            else None
        ),
        removed=lambda fields, baseline: (
            "rabbit_auth_backend_internal:set_user_limits("
            f"{binary(fields[0])}, {term(fields)}, {BY})"
        ),
    ),
    Kind(
        "vhost", "~ts", "[VHost]", "VHost <- rabbit_vhost:list_names()",
        added=lambda fields, baseline: f"rabbit_vhost:delete({binary(fields[0])}, {BY})",
    ),
    Kind(
        "disk_free_limit", "~w", "[Limit]", "Limit <- [rabbit_disk_monitor:get_disk_free_limit()]",
        removed=lambda fields, baseline: f"rabbit_disk_monitor:set_disk_free_limit({term(fields)})",
    ),
    # A fraction (0.6) or {absolute, Bytes}, printed as the Erlang term it is.
    Kind(
        "vm_memory_high_watermark", "~w", "[Mark]",
        "Mark <- [vm_memory_monitor:get_vm_memory_high_watermark()]",
        removed=lambda fields, baseline: (
            f"vm_memory_monitor:set_vm_memory_high_watermark({term(fields)})"
        ),
    ),
    # The settings that open listeners: start_app applies the ones
    # rabbitmq.conf sets and keeps the others as they were, so a listener
    # whose lines a page took out again would come back at the next page's
    # start_app.
    Kind(
        "rabbit_env", "~ts\t~ts", f"[Key, {one_line('Value')}]",
        "Key <- [tcp_listeners, ssl_listeners, ssl_options], "
        "Value <- [application:get_env(rabbit, Key, undefined)]",
        removed=lambda fields, baseline: (
            f"application:unset_env(rabbit, {fields[0]})"
            if fields[1] == "undefined"
            else f"application:set_env(rabbit, {fields[0]}, {term(fields)})"
        ),
    ),
    # A listener a page opened (its settings put back above) is closed:
    # until the node restarts, it would go on listening.
    Kind(
        "listener", "~ts\t~ts\t~w", "[Protocol, inet:ntoa(IP), Port]",
        "{listener, _, Protocol, _, IP, Port, _} <- rabbit_networking:node_listeners(node())",
        added=lambda fields, baseline: (
            f'rabbit_networking:stop_tcp_listener({{"{fields[1]}", {fields[2]}}})'
            if fields[0] in AMQP_LISTENERS
            else None
        ),
    ),
    Kind("plugins", read=read_plugins, removed=enable_plugins),
    Kind("config", read=read_config),
]  # fmt: skip
