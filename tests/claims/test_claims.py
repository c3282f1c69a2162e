"""Each claim the pages make, asserted on the live broker with the pages' own snippets.

test_snippets.py checks that every snippet prints what its page shows; output
can be recaptured, though, and would then show whatever the broker did. The
tests here assert the behaviour itself, so that each fails if its claim were
false: they run the snippets the pages include (found by name, and only if a
page shows them) and look at the broker and the clients directly.
"""

from __future__ import annotations

import ast
import re
import time
import urllib.error
import urllib.request
from base64 import b64encode

import pika
import pytest

from verify.broker import PrivateBroker
from verify.discovery import Include, snippet_includes
from verify.kinds import Run
from verify.layout import CONF, SNIPPETS
from verify.processes import eventually
from verify.terminal import Terminal


def shown(name: str) -> Include:
    """The snippet snippets/NAME as its first page shows it."""
    for include in snippet_includes():
        if include.target == SNIPPETS / name:
            return include
    pytest.fail(f"no page shows snippets/{name}, so there is no claim of it to test")


@pytest.fixture
def run(terminal: Terminal):
    """Run a snippet to its end as a reader would; return what it printed."""

    def run(name: str) -> str:
        return terminal.run(shown(name), check=False).program.stdout

    return run


@pytest.fixture
def start(terminal: Terminal):
    """Start a snippet in the background, as in a second terminal."""

    def start(name: str, settle: bool = True) -> Run:
        return terminal.start(shown(name), settle=settle)

    return start


def printed_line(running: Run, text: str, timeout: float = 30) -> str:
    """Wait until a program running in the background prints a line containing `text`."""
    program = running.program
    program.wait_until(lambda: text in program.stdout, timeout)
    found = [line for line in program.stdout.splitlines() if text in line]
    assert found, f"{running.include.where} did not print {text!r}; it printed:\n{program.stdout}"
    return found[0]


def queue_depths(broker: PrivateBroker) -> dict[str, tuple[int, int]]:
    """Each queue's (ready, unacknowledged) message counts."""
    listed = broker.ctl("-s", "list_queues", "name", "messages_ready", "messages_unacknowledged")
    depths = {}
    for line in listed.stdout.splitlines():
        name, ready, unacked = line.split("\t")
        depths[name] = (int(ready), int(unacked))
    return depths


# -- durability (docs/hello-world.rst) ----------------------------------------------


def test_a_full_restart_keeps_durable_queues_and_persistent_messages(broker, run):
    run("hello_world/durability/publish.py")

    broker.restart()

    assert "transient_queue" not in queue_depths(broker), "a non-durable queue survived"
    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    try:
        bodies = []
        while (message := connection.channel().basic_get("durable_queue", auto_ack=True))[0]:
            bodies.append(message[2].decode())
    finally:
        connection.close()
    assert bodies == ["persistent, durable queue"]


def test_restarting_the_app_as_the_page_does_keeps_the_same(run):
    run("hello_world/durability/publish.py")
    run("hello_world/durability/restart.sh")
    assert run("hello_world/durability/consume.py") == "Received 'persistent, durable queue'\n"


# -- acknowledgements and prefetch (docs/work-queues.rst) ---------------------------


def test_a_worker_with_auto_ack_killed_mid_task_loses_it(broker, run, start):
    run("work_queues/new_task.py")
    worker = start("work_queues/worker_auto_ack.py")
    printed_line(worker, "Working on")

    worker.program.kill()

    time.sleep(1)  # the broker has long noticed the closed connection by then
    assert queue_depths(broker)["task_queue"] == (0, 0), "the task was not lost"


def test_a_worker_killed_before_its_ack_leaves_the_task_to_the_next(broker, run, start):
    run("work_queues/new_task.py")
    worker = start("work_queues/worker.py")
    printed_line(worker, "Working on")

    worker.program.kill()

    depths = eventually(lambda: queue_depths(broker)["task_queue"] == (1, 0))
    assert depths, f"the task is not back in the queue: {queue_depths(broker)}"
    next_worker = start("work_queues/worker.py")
    printed_line(next_worker, "(redelivered")
    printed_line(next_worker, "Done")


def test_prefetch_shares_tasks_by_speed_and_no_prefetch_in_turn(run):
    printed = run("work_queues/fair_dispatch.py").splitlines()
    with_prefetch = ast.literal_eval(printed[0].split(": ", 1)[1])
    without_prefetch = ast.literal_eval(printed[1].split(": ", 1)[1])

    assert with_prefetch["fast"] > 2 * with_prefetch["slow"], with_prefetch
    assert without_prefetch == {"fast": 5, "slow": 5}


# -- the disk alarm (docs/troubleshooting.rst) --------------------------------------


def test_the_broker_runs_with_the_disk_limit_in_its_config(broker):
    setting = re.search(
        r"^disk_free_limit\.absolute\s*=\s*(\d+)MB$",
        (CONF / "rabbitmq.conf").read_text(),
        re.MULTILINE,
    )
    assert setting, "conf/rabbitmq.conf sets no disk_free_limit.absolute in MB"
    reported = broker.ctl("eval", "rabbit_disk_monitor:get_disk_free_limit().").stdout
    assert int(reported) == int(setting[1]) * 1000 * 1000


def test_a_disk_alarm_blocks_publishers_but_not_consumers(broker, run, start):
    run("hello_world/send.py")
    run("troubleshooting/disk_alarm/raise_limit.sh")

    def alarms() -> str:
        return broker.ctl("-q", "alarms", tool="rabbitmq-diagnostics").stdout

    assert eventually(lambda: "Free disk space alarm" in alarms()), alarms()
    health = broker.ctl("check_local_alarms", tool="rabbitmq-diagnostics", check=False)
    assert health.returncode != 0

    publisher = start("troubleshooting/disk_alarm/blocked_publisher.py", settle=False)
    blocked = eventually(lambda: "blocked" in broker.ctl("-s", "list_connections", "state").stdout)
    assert blocked, "the publishing connection was never blocked"
    assert "ConnectionBlockedTimeout" in printed_line(publisher, "Gave up")
    assert run("troubleshooting/disk_alarm/get_one.py") == "Received Hello World!\n"

    run("troubleshooting/disk_alarm/restore_limit.sh")

    assert eventually(lambda: "no alarms" in alarms())
    assert run("hello_world/send.py") == "Sent 'Hello World!'\n"


# -- the management plugin (docs/management.rst) ------------------------------------


def http_get(path: str, user: str | None = "guest") -> tuple[int, str]:
    request = urllib.request.Request(f"http://localhost:15672{path}")
    if user:
        request.add_header(
            "Authorization", "Basic " + b64encode(f"{user}:{user}".encode()).decode()
        )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_management_plugin_comes_and_goes_without_a_restart(broker, run):
    def node_pid() -> str:
        return broker.ctl("eval", "os:getpid().").stdout

    before = node_pid()
    run("management/enable.sh")

    status, overview = http_get("/api/overview")
    assert status == 200 and '"management_version"' in overview
    assert http_get("/api/overview", user=None)[0] == 401
    status, login_page = http_get("/", user=None)
    assert status == 200 and "<title>RabbitMQ Management</title>" in login_page
    assert node_pid() == before, "the node restarted"

    run("management/disable.sh")

    with pytest.raises(urllib.error.URLError):
        http_get("/")
    assert node_pid() == before, "the node restarted"


# -- users (docs/users.rst) ---------------------------------------------------------


def password_in(name: str) -> str:
    """The password a snippet feeds to rabbitmqctl on standard input."""
    return re.search(r"printf '%s\\n' '([^']+)'", shown(name).target.read_text())[1]


def connect(user: str, password: str) -> None:
    credentials = pika.PlainCredentials(user, password)
    pika.BlockingConnection(pika.ConnectionParameters("localhost", credentials=credentials)).close()


def authenticates(broker: PrivateBroker, user: str, password: str) -> bool:
    result = broker.ctl("authenticate_user", user, password, check=False)
    assert result.returncode in (0, 65), result.stderr
    return result.returncode == 0


def test_a_new_user_needs_permissions_on_the_vhost(broker, run):
    password = password_in("users/add_user.sh")
    run("users/add_user.sh")

    assert authenticates(broker, "alice", password)
    with pytest.raises(pika.exceptions.ProbableAccessDeniedError):
        connect("alice", password)

    run("users/set_permissions.sh")

    connect("alice", password)


def test_a_changed_password_replaces_the_old_one(broker, run):
    old, new = password_in("users/add_user.sh"), password_in("users/change_password.sh")
    run("users/add_user.sh")
    run("users/set_permissions.sh")

    run("users/change_password.sh")

    assert not authenticates(broker, "alice", old)
    assert authenticates(broker, "alice", new)
    with pytest.raises(pika.exceptions.ProbableAuthenticationError):
        connect("alice", old)
    connect("alice", new)


def test_a_deleted_user_is_refused(run):
    password = password_in("users/add_user.sh")
    run("users/add_user.sh")
    run("users/set_permissions.sh")
    connect("alice", password)

    run("users/delete_user.sh")

    with pytest.raises(pika.exceptions.ProbableAuthenticationError):
        connect("alice", password)


# -- the old examples' mistakes (docs/troubleshooting.rst) --------------------------


def test_declaring_a_durable_queue_without_durable_is_refused(run):
    printed = run("troubleshooting/mistakes/inequivalent_declare.py")
    assert printed.startswith("ChannelClosedByBroker: (406)")
    assert "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'hello'" in printed


def test_the_pika_0x_basic_consume_call_is_a_type_error(run):
    printed = run("troubleshooting/mistakes/old_basic_consume.py")
    assert printed.startswith("TypeError(")
    assert "got multiple values for argument 'queue'" in printed


def test_the_duarable_typo_is_a_type_error(run):
    printed = run("troubleshooting/mistakes/duarable.py")
    assert printed.startswith("TypeError(")
    assert "unexpected keyword argument 'duarable'" in printed
