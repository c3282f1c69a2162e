"""Runs every snippet the pages include against private, live RabbitMQ brokers.

Its layers, each a subpackage, lowest first (a module imports only from its
own layer and those below; tests/engine/test_layers.py holds it):

- ``core``: what the site and the run share, standard library only: where
  things are, the brokers, the pages and their snippets, captured outputs,
  the record;
- ``isolation``: namespaces, hosts of its own, the brokers' root file
  systems, and the programs started in sessions of their own;
- ``broker``: the private node, its ``erl_call`` channel, its state as data
  and the put-back;
- ``run``: a page's run (``page_run``): its terminal, machines and steps,
  and each kind of snippet (``kinds``);
- ``suite``: pytest's side, a page a collector on each broker;
- ``preview``: the live preview, beside ``suite``.

docs/architecture.rst maps every module.
"""
