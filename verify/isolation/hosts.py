"""A host of its own on this machine: a network namespace, entered and left at will.

A thread that enters a host starts every program, and opens every
connection, inside the host's network, where ``localhost:5672`` is that
host's broker. A host given a name has a host name of its own too (a UTS
namespace), which its programs see (``hostname``, a node's default cluster
name). Leaving it, the thread is back where it was. Creating one needs the
right to make namespaces (root, or root of a user namespace, as a
verification run's worker is).
"""

from __future__ import annotations

import ctypes
import os
import socket

from verify.isolation.namespaces import bring_up_loopback

CLONE_NEWNET = 0x40000000
CLONE_NEWUTS = 0x04000000
OWN_NETWORK = "/proc/thread-self/ns/net"
OWN_NAME = "/proc/thread-self/ns/uts"


def _call(name: str, *args: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, name)(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}: {os.strerror(error)}")


def unshare(kind: int) -> None:
    # os.unshare and os.setns exist from Python 3.12 on.
    if hasattr(os, "unshare"):
        os.unshare(kind)
    else:
        _call("unshare", kind)


def set_namespace(fd: int, kind: int) -> None:
    if hasattr(os, "setns"):
        os.setns(fd, kind)
    else:
        _call("setns", fd, kind)


def unshare_network() -> None:
    unshare(CLONE_NEWNET)


def set_network(fd: int) -> None:
    set_namespace(fd, CLONE_NEWNET)


class Host:
    """A network namespace with its loopback up, and a host name of its own if
    given one; ``with host:`` runs the block inside them."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self._kinds = [(OWN_NETWORK, CLONE_NEWNET)] + ([(OWN_NAME, CLONE_NEWUTS)] if name else [])
        self._outside: list[list[int]] = []
        self._own: list[int] = []
        home = self._here()
        try:
            for _, kind in self._kinds:
                unshare(kind)
            self._own = self._here()
            bring_up_loopback()
            if name:
                socket.sethostname(name)
        finally:
            self._go(home)

    def _here(self) -> list[int]:
        return [os.open(path, os.O_RDONLY) for path, _ in self._kinds]

    def _go(self, where: list[int], close: bool = True) -> None:
        for fd, (_, kind) in zip(where, self._kinds, strict=True):
            set_namespace(fd, kind)
            if close:
                os.close(fd)

    def __enter__(self) -> Host:
        self._outside.append(self._here())
        self._go(self._own, close=False)
        return self

    def __exit__(self, *exc_info) -> None:
        self._go(self._outside.pop())

    def close(self) -> None:
        """Let the namespaces go once nothing in them runs any more."""
        for fd in self._own:
            os.close(fd)
        self._own = []
