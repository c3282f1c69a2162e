"""Verify, build and publish the RabbitMQ cheat sheet.

`nox -s publish` is the main job: it runs every snippet against private,
live brokers, one of each version in conf/brokers.toml (the `tests`
session), builds the site strictly, and only then replaces public/ with it.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nox

# nox loads this file by its path, in nox's own environment, where the project
# is not installed (the sessions install it in theirs): the helpers below come
# from this checkout, standard library only (verify/core, verify/isolation).
sys.path.insert(0, str(Path(__file__).parent))

from verify.core import rabbitmq_docs, rabbitmq_docs_source  # noqa: E402
from verify.core.lanes import Lane, by_name, lanes, primary  # noqa: E402
from verify.core.layout import (  # noqa: E402
    BASE_URL_ENVIRONMENT_VARIABLE,
    BUILD,
    CONF,
    DOCS,
    RECORD_ENVIRONMENT_VARIABLE,
    ROOT,
    SUBPATH,
    VERIFIED_RECORD,
    VERIFIED_RECORDS,
)
from verify.core.record import IncompleteRecord, merge  # noqa: E402
from verify.isolation import (
    namespaces,  # noqa: E402
    roots,  # noqa: E402
)

PUBLIC = ROOT / "public"
REQUIREMENTS = CONF / "requirements"
# The page and snippet `nox -s bench` edits to time the preview (6 snippets).
PREVIEW_EDIT = ["docs/vhosts.rst", "snippets/vhosts/list_vhosts.sh", "5"]
# One worker, and so one broker, per core, and one more: the run mostly waits
# on brokers and the programs talking to them (measured with `nox -s bench`).
WORKERS = str((os.cpu_count() or 1) + 1)

# What the sessions need from the system, by a file that shows it is there.
# The brokers are not among them: each runs from a root file system of its
# own, which mmdebstrap builds from Debian's archive (verify/isolation/roots.py).
BROKER_PACKAGES = {
    "/usr/bin/mmdebstrap": "mmdebstrap",
    "/usr/share/keyrings/debian-archive-keyring.gpg": "debian-archive-keyring",
    "/usr/bin/curl": "curl",
    "/usr/sbin/ip": "iproute2",
    "/usr/bin/unshare": "util-linux",
    "/usr/bin/setpriv": "util-linux",
    "/usr/bin/pkill": "procps",
    # The TLS page's snippets make its certificates.
    "/usr/bin/openssl": "openssl",
    # python-qpid-proton, under RabbitMQ's AMQP 1.0 client, comes from PyPI as
    # source only: installing it compiles C against OpenSSL.
    "/usr/bin/gcc": "gcc",
    "/usr/include/openssl/ssl.h": "libssl-dev",
}
# The diagrams are drawn from source at build time.
DOCS_PACKAGES = {"/usr/bin/dot": "graphviz"}
# The site is checked in the distribution's Chromium, driven by Playwright
# (whose own browser downloads are never used), with a font for screenshots.
BROWSER_PACKAGES = {
    "/usr/bin/chromium": "chromium",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core",
}

# The accessibility scan the browser session injects into each page, from the
# npm registry, pinned.
AXE_CORE = "axe-core@4.14.1"

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_venv = "yes"


def install(session: nox.Session, requirements: str, project: bool = True) -> None:
    """Install the pinned requirements and the project, unless this environment already has them."""
    pins = hashlib.sha256()
    for path in sorted(REQUIREMENTS.glob("*.txt")):
        pins.update(path.name.encode() + path.read_bytes())
    stamp = Path(session.virtualenv.location) / f"installed-{requirements}.sha256"
    if not (stamp.exists() and stamp.read_text() == pins.hexdigest()):
        session.install(
            "-r", str(REQUIREMENTS / f"{requirements}.txt"),
            "-c", str(REQUIREMENTS / "constraints.txt"),
        )  # fmt: skip
        stamp.write_text(pins.hexdigest())
    if project:
        install_project(session)


def install_project(session: nox.Session) -> None:
    """`verify`, importable from anywhere in the environment, as this checkout has it.

    Editable: the environment imports the checkout's own files, changed or
    not, and verify/core/layout.py finds the pages and snippets beside them.
    Installed again when pyproject.toml changes, or when the environment was
    last given another checkout's.
    """
    wanted = hashlib.sha256(str(ROOT).encode() + (ROOT / "pyproject.toml").read_bytes())
    stamp = Path(session.virtualenv.location) / "installed-project.sha256"
    if stamp.exists() and stamp.read_text() == wanted.hexdigest():
        return
    session.install("--no-deps", "--editable", str(ROOT))
    stamp.write_text(wanted.hexdigest())


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite: every snippet against private, live brokers of each version."""
    install_system_packages(session, BROKER_PACKAGES)
    install(session, "tests")
    build_roots(session, needed_roots(session))
    session.run(*pytest_command(session), external=True)


def selected_lanes(session: nox.Session) -> list[Lane]:
    """The brokers `--broker VERSION` arguments name, or all of them."""
    args = iter(session.posargs)
    names = [
        arg.partition("=")[2] or next(args, "")
        for arg in args
        if arg == "--broker" or arg.startswith("--broker=")
    ]
    try:
        return [by_name(name) for name in names] or lanes()
    except ValueError as error:
        session.error(f"--broker: {error}")


def needed_roots(session: nox.Session) -> list[Lane]:
    """The brokers the run verifies, and the primary one, whose help the command reference shows."""
    return list(dict.fromkeys([*selected_lanes(session), primary()]))


def build_roots(session: nox.Session, wanted: list[Lane]) -> None:
    """Build each broker's root file system that is not in the cache yet, side by side."""
    missing = [lane for lane in wanted if not roots.is_built(lane)]
    if not missing:
        return
    with ThreadPoolExecutor(len(missing)) as pool:
        futures = [pool.submit(roots.build, lane, session.log) for lane in missing]
    errors = [str(future.exception()) for future in futures if future.exception()]
    if errors:
        session.error("\n".join(errors))


@nox.session
def brokers(session: nox.Session) -> None:
    """Print, for each broker of conf/brokers.toml, its pin and what Debian's archive has now."""
    for lane in lanes():
        now = roots.archive_version(lane.suite)
        state = "cached" if roots.is_built(lane) else "not built yet"
        pinned = "up to date" if now == lane.package else f"the archive has {now}"
        session.log(f"{lane}: rabbitmq-server {lane.package} from {lane.suite}, {pinned}; {state}")


def pytest_command(session: nox.Session) -> list[str]:
    """The verification run, in namespaces of its own, with a worker per core by default."""
    why_not = namespaces.unavailable()
    if why_not:
        session.error(
            "The brokers run from root file systems inside namespaces of the run's own, "
            f"and `unshare` cannot make them here ({why_not}). As root, or where "
            "unprivileged user namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1), "
            "they can."
        )
    # Capturing output anew rewrites snippet files, some shown on two pages:
    # one broker, one page at a time, the primary broker's first.
    workers = "0" if "--update-examples" in session.posargs else WORKERS
    # What runs, the plugin and how pages are handed to workers are settings:
    # pyproject.toml's [tool.pytest.ini_options]. This run's choices follow.
    return [
        *isolated(session, ["python", "-m", "pytest"]),
        f"--verified-records={VERIFIED_RECORDS}",
        # Pages in parallel, each worker with brokers of its own (`-n 1`: one
        # broker of each version for everything; a later -n wins).
        f"--numprocesses={workers}",
        *session.posargs,
    ]


@nox.session
def bench(session: nox.Session) -> None:
    """Time the verification on one broker (the primary, or -- --broker VERSION), the strict build and the preview; write the tables to build/bench.md."""
    started, cpu = time.monotonic(), children_cpu()
    install_system_packages(session, {**BROKER_PACKAGES, **DOCS_PACKAGES})
    install(session, "preview")  # the tests', the docs' and the preview's
    # The time of one broker's run: `nox -s publish` runs them all, side by side.
    one = [] if "--broker" in " ".join(session.posargs) else [f"--broker={primary().name}"]
    build_roots(session, needed_roots(session) if not one else [primary()])
    setup = time.monotonic() - started
    run = BUILD / "bench-run.json"
    before = time.monotonic()
    session.run(*pytest_command(session), *one, f"--bench-json={run}", external=True)
    verification = time.monotonic() - before
    before = time.monotonic()
    sphinx_build(session, BUILD / "bench-html", "-E", env={})
    build = time.monotonic() - before
    timings = json.loads(run.read_text())
    timings.update(
        environment_setup_seconds=round(setup, 2),
        verification_seconds=round(verification, 2),
        strict_build_seconds=round(build, 2),
        total_wall_seconds=round(time.monotonic() - started, 2),
        total_cpu_seconds=round(children_cpu() - cpu, 2),
    )
    # The preview, from saving an edit to the page served verified, on a page
    # of a few snippets: the median of five edits (apart from the totals).
    preview = session.run(
        *isolated(session, ["python", "-m", "verify.preview.timing", *PREVIEW_EDIT], network=False),
        external=True,
        silent=True,
    )
    timings["preview"] = json.loads(preview.strip().splitlines()[-1])
    (BUILD / "bench.json").write_text(json.dumps(timings, indent=2) + "\n")
    timed = [primary()] if one else selected_lanes(session)
    tables = bench_tables(timings, ", ".join(lane.name for lane in timed))
    (BUILD / "bench.md").write_text(tables)
    session.log(f"Written to {BUILD / 'bench.md'} (the figures: {BUILD / 'bench.json'}):\n{tables}")


def children_cpu() -> float:
    """User and system CPU time of the processes this one started and waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_tables(timings: dict, brokers: str) -> str:
    """The timings as Markdown: the run as a whole, then each page and claims module, longest first."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        f"# `nox -s bench`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"RabbitMQ {brokers}, on {os.cpu_count()} cores and {memory:.0f} GiB of memory. "
        "Pages and claims modules run side by side, one per worker: their times add up to "
        "more than the wall time.",
        "",
        *markdown_table(
            [
                ("environment setup", timings["environment_setup_seconds"]),
                *(
                    (f"broker start ({worker})", seconds)
                    for worker, seconds in timings["broker_start_seconds"].items()
                ),
                ("verification, wall", timings["verification_seconds"]),
                ("strict build", timings["strict_build_seconds"]),
                (
                    f"preview: an edit to `{timings['preview']['page']}` served verified, "
                    "median of 5",
                    timings["preview"]["median_seconds"],
                ),
                ("total but the preview, wall", timings["total_wall_seconds"]),
                ("total but the preview, CPU (user + system)", timings["total_cpu_seconds"]),
            ]
        ),
    ]
    for part in ("page", "claims", "page checks", "engine"):
        files = sorted(
            (f for f in timings["files"] if f["part"] == part), key=lambda f: -f["seconds"]
        )
        if files:
            lines += ["", *markdown_table([(f"`{f['file']}`", f["seconds"]) for f in files], part)]
    return "\n".join(lines) + "\n"


def markdown_table(rows: list[tuple[str, float]], what: str = "what") -> list[str]:
    return [f"| {what} | seconds |", "|---|---:|"] + [f"| {n} | {s:.2f} |" for n, s in rows]


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site strictly into build/html (warnings are errors)."""
    install_system_packages(session, DOCS_PACKAGES)
    install(session, "docs")
    sphinx_build(session, BUILD / "html", env={})
    session.log(f"Built {BUILD / 'html' / 'index.html'} (not verified: `nox -s publish` is)")


@nox.session(requires=["tests"])
def publish(session: nox.Session) -> None:
    """Build the verified site into public/, after every snippet has passed on every broker."""
    publish_from(session, VERIFIED_RECORDS)


@nox.session(name="publish-records")
def publish_records(session: nox.Session) -> None:
    """Build the verified site into public/ from records of runs elsewhere (-- DIR: one per broker)."""
    if len(session.posargs) != 1:
        session.error(
            "Give the folder holding one record per broker: nox -s publish-records -- DIR"
        )
    publish_from(session, Path(session.posargs[0]))


def publish_from(session: nox.Session, records: Path) -> None:
    """Merge the runs' records, one per broker, then build the site stamped with them."""
    try:
        record = merge(records, [lane.name for lane in lanes()])
    except IncompleteRecord as error:
        session.error(f"Not publishing: {error} public/ is left as it was.")
    record.write(VERIFIED_RECORD)
    install_system_packages(session, DOCS_PACKAGES)
    install(session, "docs")
    staging = BUILD / "public"
    shutil.rmtree(staging, ignore_errors=True)
    # A fresh environment (-E), so that every page carries this run's record.
    sphinx_build(session, staging, "-E", env={RECORD_ENVIRONMENT_VARIABLE: str(VERIFIED_RECORD)})
    replace_public(staging)
    pages = len(list(DOCS.rglob("*.rst")))
    session.log(
        f"Published {pages} pages to {PUBLIC / 'index.html'}: {record.runs} snippet runs "
        f"passed on each of {record.summary()}."
    )


@nox.session
def browser(session: nox.Session) -> None:
    """Check the site in headless Chromium as readers use it: pages, tabs, copy, search, dark mode."""
    install_system_packages(session, {**DOCS_PACKAGES, **BROWSER_PACKAGES})
    install(session, "browser")
    if (PUBLIC / "index.html").exists():
        site = PUBLIC
        session.log(f"Checking the published site in {PUBLIC}")
    else:
        site = BUILD / "browser-site"
        shutil.rmtree(site, ignore_errors=True)
        # Fresh (-E): every page as the current docs, extensions and theme make it.
        sphinx_build(session, site, "-E", env={})
    # The same pages, built to be served under a sub-path: only the 404 page
    # differs, whose links and styles must be absolute.
    subpath_site = BUILD / "browser-subpath-site"
    shutil.rmtree(subpath_site, ignore_errors=True)
    base_url = f"http://127.0.0.1{SUBPATH}"
    sphinx_build(session, subpath_site, "-E", env={BASE_URL_ENVIRONMENT_VARIABLE: base_url})
    axe = install_axe(session)
    artefacts = BUILD / "browser"
    shutil.rmtree(artefacts, ignore_errors=True)
    # In namespaces of its own, like the tests: the browser and the server
    # end with the run, and nothing can leave the machine.
    session.run(
        *isolated(session, ["python", "-m", "pytest", "tests/browser"]),
        # pyproject.toml's addopts are the verification run's (its plugin,
        # pytest-xdist's scheduling), which this environment does not have.
        "--override-ini=addopts=",
        f"--site={site}",
        f"--subpath-site={subpath_site}",
        f"--axe={axe}",
        f"--artefacts={artefacts}",
        *session.posargs,
        external=True,
    )


def install_axe(session: nox.Session) -> Path:
    """axe-core from the npm registry, in the session's environment; its script's path."""
    prefix = Path(session.virtualenv.location) / "npm"
    script = prefix / "node_modules" / "axe-core" / "axe.min.js"
    stamp = prefix / "installed"
    if not (stamp.exists() and stamp.read_text() == AXE_CORE and script.exists()):
        if not shutil.which("npm"):
            session.error("The accessibility scan needs npm (Node.js): sudo apt-get install npm")
        session.run(
            "npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", AXE_CORE,
            external=True, silent=True,
        )  # fmt: skip
        stamp.write_text(AXE_CORE)
    return script


@nox.session(name="docs-paths", python=False)
def docs_paths(session: nox.Session) -> None:
    """Refresh conf/rabbitmq-docs.toml, the RabbitMQ documentation pages links may name (-- CLONE-OR-URL [REVISION])."""
    if not 1 <= len(session.posargs) <= 2:
        session.error(
            "Give a clone of rabbitmq-website, or its address, and optionally a revision:\n"
            f"    nox -s docs-paths -- {rabbitmq_docs.REPOSITORY} [main]\n"
            "    nox -s docs-paths -- ../rabbitmq-website"
        )
    source, revision = session.posargs[0], (session.posargs[1:] or ["HEAD"])[0]
    with tempfile.TemporaryDirectory() as scratch:
        if "://" in source or source.startswith("git@"):
            # The newest commit, and of its files only the pages and
            # versions.json: a partial clone that fetches those in one go.
            clone = Path(scratch) / "rabbitmq-website"
            branch = [] if revision == "HEAD" else ["--branch", revision]
            session.log(f"Cloning {source}: its newest commit's documentation pages")
            git = ["git", "-C", str(clone)]
            session.run(
                "git", "clone", "--quiet", "--depth=1", "--filter=blob:none", "--no-checkout",
                *branch, source, str(clone), external=True,
            )  # fmt: skip
            session.run(
                *git, "sparse-checkout", "set", "--no-cone", "/versions.json",
                *(f"/versioned_docs/**/*{suffix}" for suffix in rabbitmq_docs_source.PAGE_SUFFIXES),
                external=True,
            )  # fmt: skip
            session.run(*git, "checkout", "--quiet", external=True)
            repository, path, revision = source.removesuffix(".git"), clone, "HEAD"
        else:
            path = Path(source).expanduser()
            origin = subprocess.run(
                ["git", "-C", str(path), "config", "remote.origin.url"],
                capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
            repository = origin.removesuffix(".git") or rabbitmq_docs.REPOSITORY
        try:
            found = rabbitmq_docs_source.from_repository(path, revision, repository)
        except (ValueError, subprocess.CalledProcessError) as error:
            said = getattr(error, "stderr", b"").decode().strip()
            session.error(
                f"Could not read the documentation's files from {source}: {error} {said}".strip()
            )
    before = rabbitmq_docs.load() if rabbitmq_docs.DOCS_PATHS.exists() else None
    rabbitmq_docs.write(found)
    for version, pages in found.versions.items():
        old = set(before.versions.get(version, {})) if before else set()
        change = f" (+{len(set(pages) - old)} -{len(old - set(pages))})" if before else ""
        session.log(f"RabbitMQ {version}: {len(pages)} pages{change}")
    session.log(
        f"Wrote {rabbitmq_docs.DOCS_PATHS.relative_to(ROOT)} from {found.repository} at "
        f"{found.commit} ({found.date}), read from {source}; {found.latest} is served at "
        f"{rabbitmq_docs.SITE}/. Run `nox -s docs` to see that every link still resolves."
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check the project's own Python with ruff (snippets are linted by `tests`), and the CI workflows."""
    install(session, "lint", project=False)
    config = str(CONF / "ruff.toml")
    session.run("ruff", "check", "--config", config, *(session.posargs or ["."]))
    session.run("ruff", "format", "--check", "--config", config, *(session.posargs or ["."]))
    # .github/workflows/*.yml, found from the repository's top; the shell in
    # their `run:` steps is checked by the shellcheck that lint.txt installs.
    session.run("actionlint")


@nox.session
def preview(session: nox.Session) -> None:
    """Serve the site on http://127.0.0.1:8000, each changed page verified again on a live broker."""
    install_system_packages(session, {**BROKER_PACKAGES, **DOCS_PACKAGES})
    install(session, "preview")
    build_roots(session, [primary()])
    # PID and mount namespaces of its own, but the host's network, where the
    # browser reaches the server; the broker gets a network of its own.
    session.run(
        *isolated(
            session, ["python", "-m", "verify.preview.live", *session.posargs], network=False
        ),
        external=True,
    )


# -- helpers ------------------------------------------------------------------


def sphinx_build(session: nox.Session, out: Path, *extra: str, env: dict[str, str]) -> None:
    session.run(
        "sphinx-build",
        "-n", "-W", "--keep-going",
        "-b", "html",
        "-d", str(BUILD / "doctrees"),
        *extra,
        "docs",
        str(out),
        env=env,
    )  # fmt: skip


def replace_public(staging: Path) -> None:
    """Swap the new site in by renames, so public/ is never half-written."""
    previous = BUILD / "public.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if PUBLIC.exists():
        PUBLIC.rename(previous)
    staging.rename(PUBLIC)
    shutil.rmtree(previous, ignore_errors=True)


def install_system_packages(session: nox.Session, packages: dict[str, str]) -> None:
    """Install the distribution's packages that are missing, or say how to."""
    if "gcc" in packages.values():
        # The headers of the Python the environments are made from (nox's own):
        # the distribution's has them in python3-dev.
        headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
        packages = {**packages, str(headers): "python3-dev"}
    missing = sorted({package for path, package in packages.items() if not Path(path).exists()})
    if not missing:
        return
    command = ["apt-get", "install", "-y", *missing]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        session.error(f"Missing system packages. Install them with:\n    sudo {' '.join(command)}")
    session.log(f"Installing {', '.join(missing)} from the distribution's packages")
    apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-q", external=True, env=apt_env)
    session.run(*command, "-q", "--no-install-recommends", external=True, env=apt_env)


def isolated(session: nox.Session, command: list[str], network: bool = True) -> list[str]:
    """`command` in network, PID and mount namespaces of its own, where possible.

    See verify/isolation/namespaces.py: the broker takes the standard ports there, a
    broker already running on the machine is never touched, and whatever the
    run leaves behind (a broker, epmd, a consumer) ends with it, however it
    ends: setpriv's parent-death signal ends it even when nox itself is
    killed.
    """
    why_not = namespaces.unavailable()
    if why_not:
        session.warn(
            f"No private network namespace here (`unshare` said: {why_not}); the broker "
            "will use the host's standard ports on 127.0.0.1, which must be free."
        )
        return command
    return ["setpriv", "--pdeathsig", "KILL", *namespaces.own_namespaces(command, network)]
