"""A private, throwaway RabbitMQ node, run as Debian's package runs it.

- ``node``: the node's life (start, stop, restart), and a node on a host of its own;
- ``directory``: its own files (configuration, cookie, data, logs) and the lane's tools;
- ``service``: the snippets' ``systemctl``, which stops and starts it as Debian's unit does;
- ``erl_call``: talking to it in Erlang, and what is said when that fails;
- ``state``: its state as data, one row per kind: how to list it and undo a change;
- ``put_back``: the snapshot and the put-back, which walk those rows.
"""
