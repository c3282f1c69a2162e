"""Sphinx configuration for the RabbitMQ cheat sheet."""

import json
import os
from pathlib import Path

# -- Project information -----------------------------------------------------

project = "RabbitMQ cheat sheet"
author = "the RabbitMQ cheat sheet contributors"
copyright = f"{author}"

# -- General configuration ---------------------------------------------------

extensions = [
    "sphinx_tabs.tabs",
]
exclude_patterns = ["_build"]
# Every snippet is shown with the language it is written in; no guessing.
highlight_language = "none"

# -- Verification record -----------------------------------------------------
# `nox -s publish` runs every snippet on a live broker first and hands the
# record of that run to this build. A build that was not preceded by such a
# run (plain `nox -s docs`, a preview) says so instead of claiming it.

record_path = os.environ.get("CHEATSHEET_VERIFIED_RECORD")
if record_path:
    record = json.loads(Path(record_path).read_text())
    verified = (
        f"Every command and example on this page ran on RabbitMQ {record['rabbitmq']} "
        f"(Erlang {record['erlang']}) with pika {record['pika']} on {record['date']}: "
        f"{record['snippets']} snippets, and the output shown is what the broker printed."
    )
else:
    verified = "This build was not verified against a broker: publish it with nox -s publish."

# -- Options for HTML output -------------------------------------------------

html_theme = "furo"
html_title = project
html_theme_options = {
    "announcement": verified,
}
