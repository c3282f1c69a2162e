"""Each claim the pages make, asserted on the live broker with the pages' own snippets.

The pages' runs check that every snippet prints what its page shows; output
can be recaptured, though, and would then show whatever the broker did. The
tests here assert the behaviour itself, so that each fails if its claim were
false: they run the snippets the pages include (found by name, and only if a
page shows them) and look at the broker and the clients directly.
"""
