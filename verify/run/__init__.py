"""A page's run: the programs it starts, each kind of snippet, the reader's terminal, its machines."""
