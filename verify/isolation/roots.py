"""A broker's root file system: built with mmdebstrap, entered with chroot.

Each lane's rabbitmq-server package, with the Erlang/OTP it depends on, is
installed in a minimal Debian root of its own, once per pin. A run enters it
from its own mount namespace: the root gets that namespace's /proc, the
host's /dev, and the host's temporary directory at the same path, so that a
node's files and a reader's folder have one name inside and out. Standard
library only: the noxfile builds the roots before the run (which has no
network) starts.
"""

from __future__ import annotations

import atexit
import functools
import lzma
import os
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from verify.core.lanes import Lane

MIRROR = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
LOCALHOST = "127.0.0.1 localhost\n"
# Written last: a root without it was interrupted and is built again.
COMPLETE = ".complete"
# The RabbitMQ tools inside a root. Debian's /usr/sbin wrappers switch to the
# rabbitmq user and drop the environment; the scripts they wrap honour it.
RABBITMQ_BIN = Path("/usr/lib/rabbitmq/bin")
# The PATH of a command run inside a root.
PATH = f"{RABBITMQ_BIN}:/usr/sbin:/usr/bin:/sbin:/bin"
# Where Debian keeps the certificate authorities a TLS client trusts.
CERTIFICATES = Path("/etc/ssl/certs")


class RootError(RuntimeError):
    """A root cannot be built or entered; the message says what to do."""


def is_built(lane: Lane) -> bool:
    return (lane.root / COMPLETE).exists()


def build(lane: Lane, log) -> None:
    """Build the lane's root unless it is already there (`log` takes progress lines)."""
    if is_built(lane):
        return
    check_pin(lane)
    lane.root.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{lane.root.name}-", dir=lane.root.parent))
    log(f"Building the root file system of {lane} in {lane.root}")
    command = [
        "mmdebstrap",
        "--variant=essential",
        f"--include=rabbitmq-server={lane.package}",
        # Debian unstable's Release file on some mirrors is past its date.
        '--aptopt=Acquire::Check-Valid-Until "false"',
        # The CLI finds the node at `localhost`.
        f'--customize-hook=echo "{LOCALHOST.strip()}" > "$1/etc/hosts"',
        *([] if os.geteuid() == 0 else ["--mode=unshare"]),
        lane.suite,
        str(partial),
        f"deb [signed-by={KEYRING}] {MIRROR} {lane.suite} main",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise RootError(
            f"mmdebstrap could not build the root of {lane} (exit code {result.returncode}):\n"
            + "\n".join(result.stderr.splitlines()[-15:])
        )
    (partial / COMPLETE).write_text(" ".join(command) + "\n")
    shutil.rmtree(lane.root, ignore_errors=True)
    partial.rename(lane.root)


def archive_version(suite: str, package: str = "rabbitmq-server") -> str | None:
    """The version of `package` the archive holds for `suite` now (network)."""
    url = f"{MIRROR}/dists/{suite}/main/binary-all/Packages.xz"
    with urllib.request.urlopen(url, timeout=60) as response:
        index = lzma.decompress(response.read()).decode()
    for stanza in index.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in stanza.splitlines() if ": " in line and line[0] != " "
        )
        if fields.get("Package") == package:
            return fields.get("Version")
    return None


def check_pin(lane: Lane) -> None:
    """Stop, naming the pin to update, when the archive no longer has it."""
    try:
        now = archive_version(lane.suite)
    except OSError as error:
        raise RootError(
            f"Cannot reach {MIRROR} to build the root of {lane} ({error}). "
            "Building a broker's root needs Debian's archive once; later runs use the cache."
        ) from None
    if now != lane.package:
        raise RootError(
            f"Debian's {lane.suite} no longer has rabbitmq-server {lane.package} "
            f"(it has {now or 'none'}). Update the pin in conf/brokers.toml: "
            f'package = "{now}" and rabbitmq = "{(now or "").split("-")[0]}" for that '
            "broker, then run `nox -s tests -- --update-examples` to capture its output."
        )


def enter(lane: Lane) -> None:
    """Make the root usable from this process's mount namespace, once.

    Needs a mount namespace of its own (the run's workers have one): the
    mounts would otherwise be the whole machine's.
    """
    root = lane.root
    if not is_built(lane):
        raise RootError(
            f"The root file system of {lane} is not built ({root}); "
            "`nox -s tests` builds it (it needs Debian's archive once)."
        )
    if _mounted(root / "proc"):
        return
    if _shared_with_the_machine():
        raise RootError(
            "The brokers run from root file systems that a run mounts /proc, /dev and "
            "the temporary directory into, which needs a mount namespace of its own: "
            "run the tests with `nox -s tests`, which gives each worker one."
        )
    temporary = Path(tempfile.gettempdir()).resolve()
    inside = root / temporary.relative_to("/")
    inside.mkdir(parents=True, exist_ok=True)
    for mount in (
        ["-t", "proc", "proc", root / "proc"],
        ["--rbind", "/dev", root / "dev"],
        ["--bind", temporary, inside],
        # The names of the machines this process links its brokers with.
        ["--bind", hosts_file(), root / "etc" / "hosts"],
    ):
        subprocess.run(["mount", *map(str, mount)], check=True, capture_output=True)
    # The certificate authorities of Debian's ca-certificates, which a
    # reader's machine has (curl and wget bring it) and the root lacks:
    # rabbitmqadmin v2 cannot make its HTTP client without them, even for
    # http://localhost ("Failed to build HTTP client: builder error").
    if CERTIFICATES.joinpath("ca-certificates.crt").exists():
        bound = root / CERTIFICATES.relative_to("/")
        read_only = ["mount", "-o", "bind,ro", str(CERTIFICATES), str(bound)]
        subprocess.run(read_only, check=True, capture_output=True)


@functools.cache
def hosts_file() -> Path:
    """The /etc/hosts of every root this process enters: localhost, and the
    machines it adds (verify/run/machines.py). One of its own: the run's workers
    share the temporary directory, and may have the same pid, each in its
    own PID namespace."""
    descriptor, name = tempfile.mkstemp(prefix="cheatsheet-hosts-")
    os.close(descriptor)
    path = Path(name)
    path.write_text(LOCALHOST)
    atexit.register(path.unlink, True)
    return path


def name_host(name: str, address: str | None) -> None:
    """Let the brokers and programs of this process reach a machine by name (None: no longer)."""
    path = hosts_file()
    if address is not None:
        see_names_outside_the_roots()
    lines = [line for line in path.read_text().splitlines(True) if line.split()[1:] != [name]]
    # Rewritten in place: the roots' /etc/hosts is this very file, bound.
    with path.open("w") as hosts:
        hosts.writelines([*lines, *([f"{address} {name}\n"] if address else [])])


@functools.cache
def see_names_outside_the_roots() -> None:
    """The same /etc/hosts for the programs run outside the roots (a pika program
    connecting to another machine by its name), in this mount namespace only."""
    if _shared_with_the_machine():
        raise RootError(
            "Naming other machines binds a hosts file over /etc/hosts, which needs a "
            "mount namespace of its own: run the tests with `nox -s tests`."
        )
    subprocess.run(
        ["mount", "--bind", str(hosts_file()), "/etc/hosts"], check=True, capture_output=True
    )
    # Registered after the file's removal, so run before it: where the mount
    # namespace is the machine's after all (pytest run without `nox -s
    # tests`), a bind over a deleted file would hide /etc/hosts from everyone.
    atexit.register(subprocess.run, ["umount", "/etc/hosts"], capture_output=True)


def _shared_with_the_machine() -> bool:
    """Whether mounts made here would show in every mount namespace (systemd's "/" is shared)."""
    with open("/proc/self/mountinfo") as mounts:
        for line in mounts:
            fields = line.split()
            if fields[4] == "/":
                return any(tag.startswith("shared:") for tag in fields[6 : fields.index("-")])
    return False


def _mounted(path: Path) -> bool:
    target = str(path.resolve())
    with open("/proc/self/mountinfo") as mounts:
        return any(line.split()[4] == target for line in mounts)


def chroot(lane: Lane, command: list[str]) -> list[str]:
    """`command` run inside the lane's root, with the root's PATH."""
    return ["chroot", str(lane.root), "/usr/bin/env", f"PATH={PATH}", *command]


def plugins_directory(lane: Lane) -> str:
    """Where the lane's plugins are; Debian 13's node does not find them by default."""
    found = sorted(lane.root.glob("usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins"))
    if not found:
        raise RootError(f"No RabbitMQ plugins directory in {lane.root}")
    return "/" + str(found[-1].relative_to(lane.root))
