"""A host of its own on this machine: a network namespace, entered and left at will.

A thread that enters a host starts every program, and opens every
connection, inside the host's network, where ``localhost:5672`` is that
host's broker. Leaving it, the thread is back where it was. Creating one
needs the right to make namespaces (root, or root of a user namespace, as a
verification run's worker is).
"""

from __future__ import annotations

import ctypes
import os

from verify.namespaces import bring_up_loopback

CLONE_NEWNET = 0x40000000
OWN_NETWORK = "/proc/thread-self/ns/net"


def _call(name: str, *args: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, name)(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}: {os.strerror(error)}")


def unshare_network() -> None:
    # os.unshare and os.setns exist from Python 3.12 on.
    if hasattr(os, "unshare"):
        os.unshare(CLONE_NEWNET)
    else:
        _call("unshare", CLONE_NEWNET)


def set_network(fd: int) -> None:
    if hasattr(os, "setns"):
        os.setns(fd, CLONE_NEWNET)
    else:
        _call("setns", fd, CLONE_NEWNET)


class Host:
    """A network namespace with its loopback up; ``with host:`` runs the block inside it."""

    def __init__(self) -> None:
        self._outside: list[int] = []
        home = os.open(OWN_NETWORK, os.O_RDONLY)
        try:
            unshare_network()
            self._network = os.open(OWN_NETWORK, os.O_RDONLY)
            bring_up_loopback()
        finally:
            set_network(home)
            os.close(home)

    def __enter__(self) -> Host:
        self._outside.append(os.open(OWN_NETWORK, os.O_RDONLY))
        set_network(self._network)
        return self

    def __exit__(self, *exc_info) -> None:
        outside = self._outside.pop()
        set_network(outside)
        os.close(outside)

    def close(self) -> None:
        """Let the namespace go once nothing in it runs any more."""
        os.close(self._network)
