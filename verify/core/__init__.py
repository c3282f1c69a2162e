"""What the site and the run share: where things are, the brokers, the pages and their snippets, the record.

Standard library only: the Sphinx extensions and the noxfile read it too.
"""
