"""Sphinx configuration for the RabbitMQ cheat sheet."""

import contextlib
import io
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

from verify.core.lanes import lanes
from verify.core.layout import (
    BASE_URL_ENVIRONMENT_VARIABLE,
    OUTPUT_CLASS,
    RECORD_ENVIRONMENT_VARIABLE,
    SYNTAX_CLASS,
)
from verify.core.record import in_words

# The names the site shares with the run that verifies the snippets come from
# the project's package, `verify` (installed by the nox sessions). The site's
# own extensions, in _ext/, are not a package of the project: Sphinx loads an
# extension by module name, and this folder on the path is how it finds them.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project information -----------------------------------------------------

project = "RabbitMQ cheat sheet"
author = "the RabbitMQ cheat sheet contributors"
copyright = f"{author}"

# -- General configuration ---------------------------------------------------

extensions = [
    "sphinx.ext.graphviz",
    "sphinx_tabs.tabs",
    "sphinx_copybutton",
    "notfound.extension",
    "sphinxext.opengraph",
    "not_found_links",
    "snippet_blocks",
    "broker_versions",
    "command_index",
    "quick_reference",
    "cheat_sheet",
    "command_reference",
    "accessibility",
    "diagrams",
    "verification_stamp",
    "rabbitmq_docs_links",
    "page_source",
]
templates_path = ["_templates"]
exclude_patterns = ["_build"]
# Every snippet is shown with the language it is written in; no guessing.
highlight_language = "none"
# Code colours with enough contrast to read, in light and dark mode (furo's
# defaults, pinned: `nox -s browser` measures them).
pygments_style = "a11y-light"
pygments_dark_style = "native"

# -- The brokers the pages are verified on (conf/brokers.toml) ----------------
# |brokers| in a page: "RabbitMQ 4.3.6 (Debian unstable), 4.0.5 (Debian 13) and ...",
# |primary broker|: the one whose output the pages show.

rst_prolog = f"""
.. |brokers| replace:: RabbitMQ {in_words([f"{lane.rabbitmq} ({lane.distribution})" for lane in lanes()])}
.. |primary broker| replace:: {next(lane.rabbitmq for lane in lanes() if lane.primary)}
"""

# -- Verification record -----------------------------------------------------
# `nox -s publish` runs every snippet on a live broker first and hands the
# record of that run to this build; _ext/verification_stamp.py stamps each
# page whose snippets it covers. A build that was not preceded by such a run
# (plain `nox -s docs`, a preview) says so instead of claiming it.

verification_record = os.environ.get(RECORD_ENVIRONMENT_VARIABLE)

# -- Options for diagrams ----------------------------------------------------
# Drawn by Graphviz's dot at build time, as SVG that scales and stays sharp,
# its text still text; _ext/diagrams.py shows each as an image that links to
# its file, and _static/diagrams.css fits it to the screen and to dark mode.

graphviz_output_format = "svg"

# -- Options for HTML output -------------------------------------------------

html_theme = "furo"
html_title = project
html_static_path = ["_static"]
# RabbitMQ's orange, as the links are.
html_favicon = "_static/favicon.svg"
html_css_files = ["site.css", "diagrams.css", "cheat-sheet.css"]
html_js_files = ["search_lands.js"]
html_theme_options = {
    # RabbitMQ's orange, dark enough on white and light enough on black to
    # read as link text.
    "light_css_variables": {
        "color-brand-primary": "#b93c00",
        "color-brand-content": "#b93c00",
    },
    "dark_css_variables": {
        "color-brand-primary": "#ff8a4c",
        "color-brand-content": "#ff8a4c",
    },
    # No public repository to edit in: the eye icon shows the page's source,
    # copied into the site (html_copy_source) under _sources/.
    "top_of_page_buttons": ["view"],
}

# -- Copy buttons ------------------------------------------------------------
# On every code block but a command's captured output (marked by
# _ext/snippet_blocks.py), so that the copy is exactly the command, and a
# command's syntax in the command reference, which is not one to run.
# Commands carry no prompt to strip.

copybutton_selector = f"div:not(.{OUTPUT_CLASS}):not(.{SYNTAX_CLASS}) > div.highlight pre"

# -- The page for a missing address -------------------------------------------
# sphinx-notfound-page renders 404.rst as 404.html, which a web server sends
# for any missing address, at any depth: so its links and styles are absolute
# (the text's links by _ext/not_found_links.py), from the site's root. A site
# served under a sub-path is built with its address in CHEATSHEET_BASE_URL.

html_baseurl = os.environ.get(BASE_URL_ENVIRONMENT_VARIABLE, "")
notfound_urls_prefix = urlparse(html_baseurl).path.rstrip("/") + "/"

# -- Page descriptions and link previews ------------------------------------
# sphinxext-opengraph gives each page a <meta name="description"> and the
# Open Graph tags that chat and social sites build a link's preview from,
# taken from the page's title and first paragraph. No preview images: they
# need matplotlib, whose absence the extension announces on import.

with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: E402, F401

ogp_site_url = html_baseurl
ogp_site_name = project
ogp_social_cards = {"enable": False}

# -- The index in the navigation ----------------------------------------------
# furo's sidebar as it comes, with a link to the general index (commands and
# rabbitmq.conf keys, _ext/command_index.py) below the pages: the same
# sidebar is the menu on a phone.

html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/site-index.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}

# -- The search's ranking ------------------------------------------------------
# Section titles before text, and equal scores in the navigation's order
# rather than by page title; the results' summaries without the badge.

# Sphinx opens it from the working directory, not from this one.
html_search_scorer = str(Path(__file__).parent / "search_scorer.js")

# -- Version tabs and the reader's tab choices (sphinx-tabs) ------------------
# A click on the tab already selected keeps its panel open (sphinx-tabs would
# close it, leaving no output under the command). _static/tab_choices.js keeps
# every tab choice (a RabbitMQ version, Python or the command line) across
# visits: sphinx-tabs keeps only the last one, and only until the browser closes.

sphinx_tabs_disable_tab_closing = True
html_js_files = [*html_js_files, "tab_choices.js"]

# -- What differs between the brokers (docs/differences.rst) -----------------
# _ext/broker_differences.py lists every output another broker prints
# otherwise; |broker series| names the release series in its title:
# "RabbitMQ 4.3, 4.0 and 3.10".

extensions = [*extensions, "broker_differences"]
rst_prolog += (
    ".. |broker series| replace:: RabbitMQ "
    f"{in_words(['.'.join(lane.rabbitmq.split('.')[:2]) for lane in lanes()])}\n"
)
