"""The broker's state as data: one row per kind of state a snippet may change, saying how
to list it, how to undo an addition and how to undo a removal.

Each item of state is one tab-separated line, its kind first
(``queue<TAB>/<TAB>orders``). A change is a line added, a line removed, or
both (a user whose tags changed: the new line added, the old one removed).
The put-back (verify/broker/put_back.py) walks the rows in this order,
undoing each row's additions and then its removals; what no row undoes is
reported as what could not be put back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from verify.broker.erl_call import binary

# The node's own listeners, which rabbit_networking opens and closes: AMQP,
# and AMQP over TLS. A plugin's listeners (HTTP, streams) go with the plugin.
AMQP_LISTENERS = ("amqp", "amqp/ssl")


@dataclass(frozen=True)
class Baseline:
    """What an undo may need to know besides its own line: the baseline's users and
    vhosts, and the node's environment (where its files are)."""

    users: frozenset[str]
    vhosts: frozenset[str]
    env: dict[str, str]


# From the fields of one line (its kind left out), the Erlang that undoes
# it, or None when nothing needs doing.
Undo = Callable[[list[str], Baseline], "str | None"]


def erlang(template: str, when: Callable[[list[str], Baseline], bool] | None = None) -> Undo:
    """An undo written as Erlang: {0}, {1}, ... are the line's fields as binaries, {term}
    its last field as the term it prints, {by} who the node's logs say did it."""

    def undo(fields: list[str], baseline: Baseline) -> str | None:
        if when is not None and not when(fields, baseline):
            return None
        return template.format(*map(binary, fields), term=fields[-1], by='<<"cheatsheet">>')

    return undo


@dataclass(frozen=True)
class Kind:
    """One kind of state: how to list it, how to undo an addition, how to undo a removal."""

    name: str
    # Listed by the node: each item's fields as io_lib:format writes them
    # (`format` of the list `values`), for each binding of the generators in `source`.
    format: str = ""
    values: str = ""
    source: str = ""
    # Or listed outside it: the lines, from the node's files (its environment).
    read: Callable[[dict[str, str]], list[str]] | None = None
    added: Undo | None = None
    removed: Undo | None = None
    # The field naming its vhost, or its user: in a vhost or of a user the
    # page added, it goes with the vhost or the user, and needs no undo.
    vhost: int | None = None
    user: int | None = None

    def listing(self) -> str:
        """The Erlang list of its lines."""
        return f'[io_lib:format("{self.name}\t{self.format}", {self.values}) || {self.source}]'


def one_line(value: str) -> str:
    """Erlang that prints a term on one line, as Erlang reads it back."""
    return f"io_lib:print({value}, 1, 1000000, -1)"


def read_plugins(env: dict[str, str]) -> list[str]:
    return [f"plugins\t{Path(env['RABBITMQ_ENABLED_PLUGINS_FILE']).read_text().strip()}"]


def enable_plugins(fields: list[str], baseline: Baseline) -> str:
    # As `rabbitmq-plugins set` does: the file, then the node made to match it.
    path = binary(baseline.env["RABBITMQ_ENABLED_PLUGINS_FILE"])
    return (
        f"ok = file:write_file({path}, {binary(fields[0] + chr(10))}), "
        f"{{ok, _, _}} = rabbit_plugins:ensure(binary_to_list({path}))"
    )


def read_config(env: dict[str, str]) -> list[str]:
    # A page that edits rabbitmq.conf or conf.d/ must leave them as it found
    # them: the next restart or start_app reads them. No undo: what is left is reported.
    fragments = sorted(Path(env["RABBITMQ_CONFIG_FILES"]).iterdir())
    return [
        f"config\t{Path(env['RABBITMQ_CONFIG_FILE']).read_text()!r}",
        *(f"config\t{path.name}\t{path.read_text()!r}" for path in fragments),
    ]


# Left open by a snippet that failed before closing it; closing a connection
# takes effect soon after the call returns.
CLOSE_CONNECTIONS = """
[rabbit_networking:close_connection(Pid, "closed after the page's last snippet")
 || Pid <- rabbit_networking:connections()],
(fun Wait(0) -> ok;
     Wait(N) -> case rabbit_networking:connections() of
                  [] -> ok;
                  _ -> timer:sleep(100), Wait(N - 1)
                end
 end)(50)"""
# A fun of its own, so that the names bound inside stay its own.
DELETE_QUEUE = (
    "(fun() -> case rabbit_amqqueue:lookup(rabbit_misc:r({0}, queue, {1})) of "
    "{{ok, Q}} -> rabbit_amqqueue:delete(Q, false, false, {by}); _ -> ok end end)()"
)


def get(keys: str, of: str = "P") -> str:
    """The values of `keys` in a proplist."""
    return f"[proplists:get_value(K, {of}) || K <- [{keys}]]"


# The order is the put-back's: connections first (their exclusive queues go
# with them), shovels before queues, a listener's settings before the
# listener, plugins last.
KINDS = [
    Kind("connections", "~w", "[length(rabbit_networking:connections())]", "_ <- [1]",
         added=lambda fields, baseline: CLOSE_CONNECTIONS),
    # A vhost's parameters: its limits, operator policies, shovels, upstreams;
    # a shovel stops before its queues go, which it would declare again.
    Kind("parameter", "~ts\t~ts\t~ts\t~ts",
         f"{get('vhost, component, name')} ++ [{one_line('proplists:get_value(value, P)')}]",
         "P <- rabbit_runtime_parameters:list()",
         added=erlang("rabbit_runtime_parameters:clear({0}, {1}, {2}, {by})"),
         removed=erlang("rabbit_runtime_parameters:set({0}, {1}, {2}, {term}, {by})"),
         vhost=0),
    Kind("queue", "~ts\t~ts", "[VHost, Name]",
         "Q <- rabbit_amqqueue:list(), {resource, VHost, queue, Name} <- [amqqueue:get_name(Q)]",
         added=erlang(DELETE_QUEUE), vhost=0),
    Kind("exchange", "~ts\t~ts", "[VHost, Name]",
         "X <- rabbit_exchange:list(), {resource, VHost, exchange, Name} <- [element(2, X)]",
         added=erlang("rabbit_exchange:delete(rabbit_misc:r({0}, exchange, {1}), false, {by})"),
         vhost=0),
    # One left behind would go on changing the queues of later pages that match it.
    Kind("policy", "~ts\t~ts", get("vhost, name"), "P <- rabbit_policy:list()",
         added=erlang("rabbit_policy:delete({0}, {1}, {by})"), vhost=0),
    Kind("global_parameter", "~ts\t~ts",
         f"[proplists:get_value(name, P), {one_line('proplists:get_value(value, P)')}]",
         "P <- rabbit_runtime_parameters:list_global()",
         added=erlang("rabbit_runtime_parameters:clear_global({0}, {by})"),
         removed=erlang("rabbit_runtime_parameters:set_global({0}, {term}, {by})")),
    Kind("permissions", "~ts\t~ts\t~ts\t~ts\t~ts", get("vhost, user, configure, write, read"),
         "P <- rabbit_auth_backend_internal:list_permissions()",
         added=erlang("rabbit_auth_backend_internal:clear_permissions({1}, {0}, {by})"),
         removed=erlang("rabbit_auth_backend_internal:set_permissions({1}, {0}, {2}, {3}, {4}, {by})"),
         vhost=0, user=1),
    Kind("topic_permissions", "~ts\t~ts\t~ts\t~ts\t~ts", get("vhost, user, exchange, write, read"),
         "P <- rabbit_auth_backend_internal:list_topic_permissions()",
         added=erlang("rabbit_auth_backend_internal:clear_topic_permissions({1}, {0}, {2}, {by})"),
         removed=erlang(
             "rabbit_auth_backend_internal:set_topic_permissions({1}, {0}, {2}, {3}, {4}, {by})"
         ),
         vhost=0, user=1),
    # A user whose tags changed is both added (new tags) and removed (old ones).
    Kind("user", "~ts\t~w", get("user, tags", of="U"), "U <- rabbit_auth_backend_internal:list_users()",
         added=erlang("rabbit_auth_backend_internal:delete_user({0}, {by})",
                      when=lambda fields, baseline: fields[0] not in baseline.users),
         removed=erlang("rabbit_auth_backend_internal:set_tags({0}, {term}, {by})")),
    Kind("user_limits", "~ts\t~ts", f"[User, {one_line('Limits')}]",
         "{User, Limits} <- rabbit_auth_backend_internal:get_user_limits(), map_size(Limits) > 0",
         added=erlang('rabbit_auth_backend_internal:clear_user_limits({0}, <<"all">>, {by})'),
         removed=erlang("rabbit_auth_backend_internal:set_user_limits({0}, {term}, {by})"),
         user=0),
    Kind("vhost", "~ts", "[VHost]", "VHost <- rabbit_vhost:list_names()",
         added=erlang("rabbit_vhost:delete({0}, {by})")),
    Kind("disk_free_limit", "~w", "[Limit]", "Limit <- [rabbit_disk_monitor:get_disk_free_limit()]",
         removed=erlang("rabbit_disk_monitor:set_disk_free_limit({term})")),
    # A fraction (0.6) or {absolute, Bytes}, printed as the Erlang term it is.
    Kind("vm_memory_high_watermark", "~w", "[Mark]",
         "Mark <- [vm_memory_monitor:get_vm_memory_high_watermark()]",
         removed=erlang("vm_memory_monitor:set_vm_memory_high_watermark({term})")),
    # The settings that open listeners: start_app applies the ones
    # rabbitmq.conf sets and keeps the others as they were, so a listener
    # whose lines a page took out again would come back at the next start_app.
    Kind("rabbit_env", "~ts\t~ts", f"[Key, {one_line('Value')}]",
         "Key <- [tcp_listeners, ssl_listeners, ssl_options], "
         "Value <- [application:get_env(rabbit, Key, undefined)]",
         removed=lambda fields, baseline: (
             f"application:unset_env(rabbit, {fields[0]})" if fields[1] == "undefined"
             else f"application:set_env(rabbit, {fields[0]}, {fields[1]})"
         )),
    # A listener a page opened (its settings put back above) is closed:
    # until the node restarts, it would go on listening.
    Kind("listener", "~ts\t~ts\t~w", "[Protocol, inet:ntoa(IP), Port]",
         "{listener, _, Protocol, _, IP, Port, _} <- rabbit_networking:node_listeners(node())",
         added=lambda fields, baseline: (
             f'rabbit_networking:stop_tcp_listener({{"{fields[1]}", {fields[2]}}})'
             if fields[0] in AMQP_LISTENERS else None
         )),
    Kind("plugins", read=read_plugins, removed=enable_plugins),
    Kind("config", read=read_config),
]  # fmt: skip
