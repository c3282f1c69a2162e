"""Bad input gets a clear message: a broken or hanging snippet is named by its
file, line and page; a missing broker or a taken port says what to do.

These run the harness on small snippets written here, with no broker: what
they check is the report, on whatever Python runs the suite.
"""

from __future__ import annotations

import os
import socket

import pytest

from tests import broker as broker_module
from tests import runner
from tests.pages import Include


def include(tmp_path, name: str, text: str) -> Include:
    page = tmp_path / "page.rst"
    page.write_text(f"Title\n=====\n\n.. literalinclude:: {name}\n")
    target = tmp_path / name
    target.write_text(text)
    return Include(page, 4, target)


def failure_of(run, *args, **kwargs) -> str:
    with pytest.raises(pytest.fail.Exception) as failure:
        run(*args, **kwargs)
    return failure.value.msg


def run_python(snippet: Include, eval_example) -> str:
    return failure_of(runner.run_python, snippet, eval_example=eval_example, update=False)


def run_shell(snippet: Include, tmp_path) -> str:
    return failure_of(runner.run_shell, snippet, env=dict(os.environ), cwd=tmp_path, update=False)


RAISES = """def declare(queue, durable=False):
    return queue


declare("hello", duarable=True)
"""


def test_python_error_names_file_line_and_page(tmp_path, eval_example):
    broken = include(tmp_path, "broken.py", RAISES)
    message = run_python(broken, eval_example)
    assert message.startswith(f"{broken.target}:5 (shown on {broken.page}:4) raised TypeError")
    assert "unexpected keyword argument 'duarable'" in message
    assert 'declare("hello", duarable=True)' in message


def test_python_hang_is_stopped_and_named(tmp_path, eval_example, monkeypatch):
    monkeypatch.setattr(runner, "PYTHON_TIMEOUT", 0.5)
    hanging = include(tmp_path, "hanging.py", "import time\n\ntime.sleep(30)\n")
    message = run_python(hanging, eval_example)
    assert message == f"{hanging.where} did not finish within 0.5s and was stopped"


def test_python_output_must_match_its_comments(tmp_path, eval_example):
    wrong = include(tmp_path, "wrong.py", 'print("Sent")\n#> Received\n')
    message = run_python(wrong, eval_example)
    assert message.startswith(f"{wrong.where}: Print output changed code")


def test_shell_error_names_the_failing_line(tmp_path):
    broken = include(tmp_path, "broken.sh", "true\nfalse\ntrue\n")
    message = run_shell(broken, tmp_path)
    assert message.startswith(f"{broken.where} failed with exit code 1")
    assert "line 2: false" in message


def test_shell_hang_is_stopped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "SHELL_TIMEOUT", 0.5)
    hanging = include(tmp_path, "hanging.sh", "sleep 30\n")
    message = run_shell(hanging, tmp_path)
    assert message == f"{hanging.where} did not finish within 0.5s and was stopped"


def test_shell_output_must_match_what_was_captured(tmp_path):
    chatty = include(tmp_path, "chatty.sh", "echo two\n")
    chatty.target.with_suffix(".out").write_text("one\n")
    message = run_shell(chatty, tmp_path)
    assert "-one\n+two" in message


def test_missing_broker_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(broker_module, "RABBITMQ_BIN", tmp_path)
    with pytest.raises(broker_module.BrokerError, match=r"sudo apt-get install rabbitmq-server"):
        broker_module.check_installed()


def test_taken_port_is_named_with_what_to_do(monkeypatch):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        monkeypatch.setattr(broker_module, "PORTS", {"AMQP": port})
        with pytest.raises(broker_module.BrokerError) as error:
            broker_module.check_ports_free()
    assert f"Port {port} (AMQP) on 127.0.0.1 is already in use" in str(error.value)
    assert "nox -s tests" in str(error.value)
