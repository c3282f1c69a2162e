"""Serve a built site on loopback, as a static web host would."""

from __future__ import annotations

import functools
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Files from the site; its own 404 page for any address it does not have."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        not_found_page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        # Served under a prefix, as on a host that holds other things too:
        # an address outside it is missing.
        prefix = self.server.prefix
        if not path.startswith(prefix):
            return str(Path(self.directory) / "-outside-the-site-")
        return super().translate_path("/" + path.removeprefix(prefix))

    def log_message(self, format: str, *args) -> None:
        """Quiet: the checks report what matters."""


class SiteServer:
    """The site at http://127.0.0.1:<a free port><prefix>, from a thread, until stopped."""

    def __init__(self, root: Path, prefix: str = "/") -> None:
        handler = functools.partial(SiteRequestHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.prefix = prefix
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}{prefix.rstrip('/')}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server")

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
