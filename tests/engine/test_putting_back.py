"""What snippets changed on a broker is undone after their page: the Erlang that undoes each change."""

from __future__ import annotations

from verify.broker import undo_actions

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
