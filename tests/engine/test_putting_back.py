"""What snippets changed on a broker is undone after their page: the Erlang that undoes each change."""

from __future__ import annotations

from verify.broker.node import undo_actions

BASELINE = frozenset({"vhost\t/", "connections\t0"})


def test_a_policy_a_page_set_is_cleared():
    now = BASELINE | {"policy\t/\tinbox-limit"}
    assert undo_actions(now, BASELINE) == [
        'rabbit_policy:delete(<<"/"/utf8>>, <<"inbox-limit"/utf8>>, <<"cheatsheet">>)'
    ]


def test_a_policy_of_a_vhost_the_page_added_goes_with_the_vhost():
    now = BASELINE | {"vhost\tstaging", "policy\tstaging\tinbox-limit"}
    assert undo_actions(now, BASELINE) == [
        'rabbit_vhost:delete(<<"staging"/utf8>>, <<"cheatsheet">>)'
    ]


def test_a_listener_a_page_opened_is_closed_and_its_settings_put_back():
    before = BASELINE | {"rabbit_env\tssl_listeners\t[]", "rabbit_env\tssl_options\t[]"}
    now = frozenset(
        {
            "vhost\t/",
            "connections\t0",
            "rabbit_env\tssl_listeners\t[5671]",
            "rabbit_env\tssl_options\t[{verify,verify_none}]",
            "listener\tamqp/ssl\t::\t5671",
        }
    )
    assert undo_actions(now, before) == [
        "application:set_env(rabbit, ssl_listeners, [])",
        "application:set_env(rabbit, ssl_options, [])",
        'rabbit_networking:stop_tcp_listener({"::", 5671})',
    ]


def test_a_plugins_listener_is_left_to_the_plugin():
    # Disabling the plugin, which the put-back does too, closes its listener;
    # rabbit_networking cannot, and fails on it.
    now = BASELINE | {"listener\thttp\t127.0.0.1\t15672", "listener\tstream\t::\t5552"}
    assert undo_actions(now, BASELINE) == []


def test_the_memory_watermark_a_page_set_is_set_back():
    baseline = BASELINE | {"vm_memory_high_watermark\t0.4"}
    now = BASELINE | {"vm_memory_high_watermark\t1.0e-7"}
    assert undo_actions(now, baseline) == ["vm_memory_monitor:set_vm_memory_high_watermark(0.4)"]


def test_an_absolute_memory_watermark_is_set_back_as_the_term_it_was():
    baseline = BASELINE | {"vm_memory_high_watermark\t{absolute,1073741824}"}
    now = BASELINE | {"vm_memory_high_watermark\t0.6"}
    assert undo_actions(now, baseline) == [
        "vm_memory_monitor:set_vm_memory_high_watermark({absolute,1073741824})"
    ]
