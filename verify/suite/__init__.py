"""pytest's side: a page is a collector on each broker, each snippet an item."""
