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
