"""Runs every snippet the pages include against a private, live RabbitMQ broker.

The pipeline, one module a step:

- ``layout``: where things are, and the names the site and the run share;
- ``discovery``: the pages and the files each one includes, in page order;
- ``broker``: the private node the snippets talk to;
- ``processes``: starting, watching and stopping the programs a page runs;
- ``kinds``: how each kind of snippet (by suffix) is run and checked;
- ``printed``: what a Python program printed, line by line, against its ``#>`` comments;
- ``output``: what varies between two honest runs, normalised for comparing;
- ``record``: what a complete run verified, for the published site;
- ``plugin``: pytest's side: a page is a collector, a snippet an item.
"""
