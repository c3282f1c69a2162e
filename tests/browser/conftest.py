"""The built site, served on loopback, and headless Chromium to read it.

Run by `nox -s browser`, which builds the site (or takes public/) and passes
``--site``. Nothing here starts a broker: these checks are about the pages as
a reader's browser shows them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from tests.browser.reader import Visit, open_page
from tests.browser.server import SiteServer
from tests.browser.site import Site
from verify.core.layout import SUBPATH

# Chromium as the system packages it; the flags keep it from calling home
# (updates, sync, field trials) and from needing a GPU or a user namespace.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
ACTION_TIMEOUT_MS = 5_000


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("browser", "checking the built site in a browser")
    group.addoption("--site", metavar="DIR", help="the built site (an index.html and its pages)")
    group.addoption(
        "--chromium", metavar="PATH", default="/usr/bin/chromium", help="the browser to drive"
    )
    group.addoption(
        "--subpath-site",
        metavar="DIR",
        help=f"the site built to be served under {SUBPATH} (its 404 page differs)",
    )
    group.addoption(
        "--axe", metavar="PATH", help="axe-core's axe.min.js, injected to scan each page"
    )
    group.addoption(
        "--artefacts",
        metavar="DIR",
        default="build/browser",
        help="where screenshots and the pages' sizes are written",
    )


built = pytest.StashKey[Site]()
# The tests that run once per page, and which pages each takes.
PAGES_BY_ARGUMENT = {
    "any_page": "pages",
    "page_with_code": "pages_with_code",
    "page_with_tabs": "pages_with_tabs",
    "page_with_diagram": "pages_with_diagrams",
    "source_page": "pages_from_sources",
}


def built_site(config: pytest.Config) -> Site:
    """The site that --site names, read once per run."""
    if built not in config.stash:
        root = config.getoption("site")
        if not root or not (Path(root) / "index.html").is_file():
            raise pytest.UsageError(f"--site must name a built site with an index.html ({root!r})")
        config.stash[built] = Site(Path(root).resolve())
    return config.stash[built]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per page, as found in the built site."""
    for argument, pages in PAGES_BY_ARGUMENT.items():
        if argument in metafunc.fixturenames:
            metafunc.parametrize(argument, getattr(built_site(metafunc.config), pages))


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> Site:
    return built_site(pytestconfig)


@pytest.fixture(scope="session")
def subpath_origin(pytestconfig: pytest.Config) -> Iterator[str]:
    """The site built for a sub-path, served under it, as on a host that holds other things too."""
    root = pytestconfig.getoption("subpath_site")
    if not root or not (Path(root) / "index.html").is_file():
        raise pytest.UsageError(f"--subpath-site must name a built site ({root!r})")
    with SiteServer(Path(root), prefix=SUBPATH) as server:
        yield server.origin


@pytest.fixture(scope="session")
def axe_script(pytestconfig: pytest.Config) -> Path:
    path = pytestconfig.getoption("axe")
    if not path or not Path(path).is_file():
        raise pytest.UsageError(f"--axe must name axe-core's axe.min.js ({path!r})")
    return Path(path)


@pytest.fixture(scope="session")
def artefacts(pytestconfig: pytest.Config) -> Path:
    path = Path(pytestconfig.getoption("artefacts")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def origin(site: Site) -> Iterator[str]:
    """The site's address on loopback, for the whole run."""
    with SiteServer(site.root) as server:
        yield server.origin


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright, pytestconfig: pytest.Config) -> Iterator[Browser]:
    # Playwright gives the browser a fresh, temporary profile and removes it
    # on close. Its own browser downloads are never used: the system's is.
    browser = playwright.chromium.launch(
        executable_path=pytestconfig.getoption("chromium"), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A first-time reader: no stored tab choice or colour mode, a light system theme."""
    context = browser.new_context(
        viewport=VIEWPORT,
        color_scheme="light",
        permissions=["clipboard-read", "clipboard-write"],
        service_workers="block",
    )
    # Everything is local and small: what has not happened in this time will not.
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def visit(context: BrowserContext, origin: str):
    """Open a page of the site: ``visit("queues.html")``."""

    def open_in_context(path: str, expected_status: int = 200) -> Visit:
        return open_page(context, origin, path, expected_status)

    return open_in_context


# -- What a run reports ---------------------------------------------------------

transferred = pytest.StashKey[dict[str, int]]()
screenshots = pytest.StashKey[list[Path]]()


@pytest.fixture(scope="session")
def transfer_sizes(pytestconfig: pytest.Config) -> dict[str, int]:
    """Bytes each page took over the network, filled in by the loading check."""
    return pytestconfig.stash.setdefault(transferred, {})


@pytest.fixture(scope="session")
def screenshot_paths(pytestconfig: pytest.Config) -> list[Path]:
    return pytestconfig.stash.setdefault(screenshots, [])


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    sizes = config.stash.get(transferred, {})
    shots = config.stash.get(screenshots, [])
    if sizes:
        terminalreporter.section("bytes transferred per page (first visit, cache off)")
        for page, size in sorted(sizes.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{size:>10,}  {page}")
        heaviest = max(sizes, key=sizes.get)
        terminalreporter.write_line(f"heaviest: {heaviest} ({sizes[heaviest]:,} bytes)")
        report = Path(config.getoption("artefacts")) / "transferred-bytes.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(dict(sorted(sizes.items())), indent=2) + "\n")
        terminalreporter.write_line(f"written to {report}")
    if shots:
        terminalreporter.section("screenshots")
        for path in shots:
            terminalreporter.write_line(str(path))
