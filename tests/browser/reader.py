"""A reader's visit to a page, and everything the browser did for it.

Each visit records the console errors, the requests that failed, the
requests to any host but the site's (stopped before they leave the browser),
and how many bytes the page and everything it loaded took over the network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

# Addresses that never leave the browser.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Visit:
    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    transferred_bytes: int = 0
    # A page loaded as missing on purpose (the 404 page) fails its own request.
    expected_status: int = 200
    in_flight: set[Request] = field(default_factory=set)
    last_activity: float = field(default_factory=time.monotonic)

    def request_started(self, request: Request) -> None:
        self.in_flight.add(request)
        self.last_activity = time.monotonic()

    def request_ended(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.last_activity = time.monotonic()

    def settle(self, quiet_seconds: float = 0.15, timeout_seconds: float = 5) -> None:
        """Wait until the page has made no request for ``quiet_seconds``.

        Catches what scripts fetch after the load event, without the fixed
        half second of Playwright's "networkidle".
        """
        deadline = time.monotonic() + timeout_seconds
        while self.in_flight or time.monotonic() - self.last_activity < quiet_seconds:
            assert time.monotonic() < deadline, f"{self.url} is still loading {self.in_flight}"
            # Waiting in the page lets Playwright deliver the request events.
            self.page.wait_for_timeout(25)

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"failed request: {text}" for text in self.failed_requests]
            + [f"request outside the site: {url}" for url in self.outside_requests]
        )


def open_page(context: BrowserContext, origin: str, path: str, expected_status: int = 200) -> Visit:
    """Load ``path`` from the site in a new tab, as a first-time visitor would."""
    page = context.new_page()
    visit = Visit(page=page, url=f"{origin}/{path}", expected_status=expected_status)

    def keep_inside_the_site(route: Route) -> None:
        url = route.request.url
        if url.startswith(f"{origin}/") or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            visit.outside_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not is_expected_status(message.location.get("url", "")):
            visit.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_response(response: Response) -> None:
        if response.status >= 400 and not is_expected_status(response.url, response.status):
            visit.failed_requests.append(f"{response.status} {response.url}")

    def on_request_failed(request: Request) -> None:
        if request.url not in visit.outside_requests:
            visit.failed_requests.append(f"{request.failure} {request.url}")

    def is_expected_status(url: str, status: int | None = None) -> bool:
        """The missing page's own 404, and the console's report of it."""
        return expected_status != 200 and url == visit.url and status in (None, expected_status)

    page.on("request", visit.request_started)
    page.on("requestfinished", visit.request_ended)
    page.on("requestfailed", visit.request_ended)
    page.route("**/*", keep_inside_the_site)
    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    count_transferred_bytes(page, visit)
    response = page.goto(visit.url, wait_until="load")
    assert response is not None and response.status == expected_status, (
        f"{visit.url} answered {response and response.status}, not {expected_status}"
    )
    return visit


def count_transferred_bytes(page: Page, visit: Visit) -> None:
    """Add up what the network carried for the page, headers included, cache off.

    Measured by the browser (DevTools' encodedDataLength): what a reader's
    first visit downloads, as the site is served.
    """
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def on_loading_finished(event: dict) -> None:
        visit.transferred_bytes += int(event["encodedDataLength"])

    devtools.on("Network.loadingFinished", on_loading_finished)
