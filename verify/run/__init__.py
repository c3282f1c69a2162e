"""A page's run (page_run): the programs it starts, each kind of snippet, the reader's terminal, its machines."""
