"""Harness for the browser journeys: a live server on the test database and a real Chromium.

Why not pytest-django's `live_server`: it is a TransactionTestCase, whose flush
at the end would empty the shared (public-schema) tables and destroy the
session's committed `network`. Here the server is a plain Django WSGI app in a
background thread, started once for the tests of this folder. Whatever the browser does is
committed for real (the server thread has its own database connections and
never sees a test's transaction), so every test uses fresh codes and domains.

Chromium is the system one (/usr/bin/chromium, or $PORTAL_CHROMIUM); Playwright's
own browser download is never used. Without Chromium or Playwright the tests
fail with the reason: `make test` installs both.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import types
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.testcases import QuietWSGIRequestHandler
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts.two_factor_codes import fresh_code
from tests.conftest import PASSWORD

from .demo_pages import CHROMIUM_ARGS

TIMEOUT_MS = 15_000  # any single wait (element, navigation); provisioning a unit takes ~1-3 s
NAVIGATION_TIMEOUT_MS = 30_000


def _unavailable(reason: str):
    """A missing browser is a failure, never a pass or a skip."""
    pytest.fail(f"Browser tests cannot run: {reason}", pytrace=False)


def _chromium_path() -> str | None:
    """$PORTAL_CHROMIUM if set (and only it), else /usr/bin/chromium or chromium on PATH."""
    if os.environ.get("PORTAL_CHROMIUM"):
        candidates = [os.environ["PORTAL_CHROMIUM"]]
    else:
        candidates = ["/usr/bin/chromium"]
        candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _missing_requirement() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not installed ({error})"
    if _chromium_path() is None:
        return "Chromium not found (looked at $PORTAL_CHROMIUM, else /usr/bin/chromium and PATH)"
    return None


# --- Live server -------------------------------------------------------------


class _ServerErrors(logging.Handler):
    """Collects the server's unhandled exceptions (logged by django.request as 5xx)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if getattr(record, "status_code", 500) >= 500:
            self.records.append(record)

    @staticmethod
    def format(record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        return text


def _with_database_access(app, real_ensure_connection):
    """Let the server's request threads use the database whatever pytest-django blocks.

    pytest-django blocks database access by patching BaseDatabaseWrapper, for
    every thread, outside tests marked django_db. The request threads are not
    part of any test: give their own connection objects the real method back.
    """

    def application(environ, start_response):
        for conn in connections.all(initialized_only=False):
            conn.ensure_connection = types.MethodType(real_ensure_connection, conn)
        return app(environ, start_response)

    return application


class _ServerThread(threading.Thread):
    def __init__(self, app):
        super().__init__(name="browser-live-server", daemon=True)
        self.app = app
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.port: int | None = None
        self.httpd: ThreadedWSGIServer | None = None

    def run(self):
        try:
            self.httpd = ThreadedWSGIServer(
                ("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False
            )
            self.port = self.httpd.server_address[1]
            self.httpd.set_app(self.app)
            self.ready.set()
            self.httpd.serve_forever(poll_interval=0.1)
        except BaseException as error:  # reported by the fixture
            self.error = error
            self.ready.set()
        finally:
            connections.close_all()

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        self.join(timeout=10)


@dataclass
class LiveServer:
    port: int
    errors: _ServerErrors = field(repr=False)

    def url(self, domain: str, path: str = "/") -> str:
        return f"http://{domain}:{self.port}{path}"


@pytest.fixture(scope="package")
def portal_server(network, django_db_blocker):
    """Django (with static files) on 127.0.0.1:<free port>, serving the test database."""
    _two_factor_db.append(django_db_blocker)  # the sign-in helpers read devices' keys
    with django_db_blocker.unblock():
        real_ensure_connection = BaseDatabaseWrapper.ensure_connection
        app = _with_database_access(StaticFilesHandler(WSGIHandler()), real_ensure_connection)
        thread = _ServerThread(app)
        thread.start()
        thread.ready.wait(timeout=30)
    if thread.error is not None or thread.port is None:
        pytest.fail(f"The live server did not start: {thread.error!r}", pytrace=False)
    errors = _ServerErrors()
    logging.getLogger("django.request").addHandler(errors)
    try:
        yield LiveServer(port=thread.port, errors=errors)
    finally:
        logging.getLogger("django.request").removeHandler(errors)
        thread.stop()


@pytest.fixture
def url(portal_server):
    """url(domain, path="/") -> "http://<domain>:<port><path>"."""
    return portal_server.url


# --- Browser -----------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests, closed after the last of them.

    Playwright's sync API keeps an asyncio loop marked as running in the main
    thread while it is started. Two consequences for Django in that thread:
    - it refuses database access (SynchronousOnlyOperation); the calls stay
      synchronous, so the check is switched off while Playwright runs;
    - its connection handler (thread-critical asgiref Local) keeps a second set
      of connections for "async" code; they are closed before Playwright stops,
      else the test database cannot be dropped at the end of the session.
    The package scope ends all this before any test outside this folder.
    """
    reason = _missing_requirement()
    if reason is not None:
        _unavailable(reason)
    from playwright.sync_api import sync_playwright

    executable = _chromium_path()
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
        except Exception as error:
            _unavailable(f"Chromium at {executable} did not start: {error}")
        yield browser
        browser.close()
    finally:
        connections.close_all()
        playwright.stop()
        if allow_async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


def _is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1") or host.endswith(".localhost")


@dataclass
class BrowserProblems:
    """What went wrong in the browser while a test ran, besides what the test asserts."""

    broken_assets: list[str] = field(default_factory=list)  # our CSS/JS/images/fonts, >= 400
    page_errors: list[str] = field(default_factory=list)  # uncaught JavaScript exceptions
    console_errors: list[str] = field(default_factory=list)  # informational (favicon 404s...)
    external_requests: list[str] = field(default_factory=list)  # blocked; informational
    server_log: _ServerErrors | None = field(default=None, repr=False)
    server_errors_before: int = 0

    @property
    def server_errors(self) -> list[str]:
        if self.server_log is None:
            return []
        records = self.server_log.records[self.server_errors_before :]
        return [_ServerErrors.format(record) for record in records]

    def failures(self) -> str:
        """Problems that fail a test (see assert_page_healthy)."""
        return self._describe(
            ("broken assets", self.broken_assets),
            ("JavaScript errors", self.page_errors),
            ("server errors (5xx)", self.server_errors),
        )

    def notes(self) -> str:
        return self._describe(
            ("console errors", self.console_errors),
            ("blocked requests to other hosts", sorted(set(self.external_requests))),
        )

    @staticmethod
    def _describe(*sections) -> str:
        return "\n".join(f"{title}:\n  " + "\n  ".join(items) for title, items in sections if items)


_ASSET_TYPES = {"stylesheet", "script", "image", "font"}


@pytest.fixture
def page(browser, portal_server, request, tmp_path):
    """A fresh browser context (no cookies) and page for each test.

    Requests to hosts other than *.localhost are blocked (the tests run
    offline, and a portal should not depend on third parties) and recorded.
    `page.problems` collects broken assets, JavaScript and server errors; call
    `assert_page_healthy(page)` to fail on them. When a test fails, a
    screenshot and the page's HTML are saved in its tmp_path.
    """
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    problems = BrowserProblems(
        server_log=portal_server.errors, server_errors_before=len(portal_server.errors.records)
    )

    def block_external(route):
        problems.external_requests.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(lambda url: not _is_local(url), block_external)
    page = context.new_page()

    def on_response(response):
        if response.status >= 400 and response.request.resource_type in _ASSET_TYPES:
            problems.broken_assets.append(f"{response.status} {response.url}")

    def on_request_failed(req):
        # ERR_ABORTED: the browser itself cancelled it (the page navigated away meanwhile).
        if req.failure and "ERR_ABORTED" in req.failure:
            return
        if req.resource_type in _ASSET_TYPES and _is_local(req.url):
            if not any(entry.endswith(f" {req.url}") for entry in problems.broken_assets):
                problems.broken_assets.append(f"failed ({req.failure}) {req.url}")

    def on_console(message):
        if message.type == "error":
            problems.console_errors.append(f"{message.text} (on {page.url})")

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("pageerror", lambda error: problems.page_errors.append(f"{error} (on {page.url})"))
    page.on("console", on_console)
    page.problems = problems
    yield page
    report = getattr(request.node, "_browser_call_report", None)
    if report is not None and report.failed:
        try:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            (tmp_path / "failure.html").write_text(page.content(), encoding="utf-8")
            print(f"\nBrowser at failure: {page.url}; screenshot and HTML in {tmp_path}")
        except Exception as error:  # the page may be gone
            print(f"\nNo screenshot of the failure: {error}")
        for text in (problems.failures(), problems.notes()):
            if text:
                print(text)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item._browser_call_report = report
    return report


def assert_page_healthy(page):
    """Fail, listing them, on broken assets, JavaScript errors or server errors seen so far."""
    failures = page.problems.failures()
    assert not failures, f"The browser saw problems:\n{failures}"


# --- Signing in --------------------------------------------------------------


_two_factor_db: list = []
TWO_FACTOR = "/admin/xac-thuc-hai-buoc/"


def _authenticator_code(username: str, confirmed: bool) -> str:
    """A real code from the person's TOTP key, as their phone app shows it."""
    with _two_factor_db[-1].unblock():
        device = TOTPDevice.objects.get(user__username=username, confirmed=confirmed)
        return fresh_code(device)


def _pass_two_factor(page, username: str, response):
    """After the password: enter a code, or enrol (the QR page) when the admin asks for it."""
    path = urlsplit(page.url).path
    if not path.startswith(TWO_FACTOR):
        return response
    enrolling = path.startswith(TWO_FACTOR + "dang-ky/")
    code = page.get_by_label("Mã xác thực")
    code.fill(_authenticator_code(username, confirmed=not enrolling))
    with page.expect_navigation() as navigation:
        code.press("Enter")  # submits the code's own form
    if urlsplit(page.url).path.startswith(TWO_FACTOR) and not enrolling:
        raise AssertionError(f"The code of {username!r} was refused on {page.url}")
    if enrolling:
        expect(page.locator(".two-factor-backup-codes li")).to_have_count(10)
        with page.expect_navigation() as navigation:
            page.get_by_role("link", name="Tiếp tục vào trang quản trị").click()
    return navigation.value


def submit_login_form(page, username: str, password: str = PASSWORD):
    """Fill and submit the Wagtail login form shown on `page`, then pass two-factor sign-in
    when asked (a real code from the device's key); returns the final response."""
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(username)
    form.locator('input[name="password"]').fill(password)
    with page.expect_navigation() as navigation:
        form.locator('button[type="submit"]').click()
    response = navigation.value
    if "/admin/login/" in urlsplit(page.url).path:
        shown = page.locator(".w-field__errors, .messages, [role=alert]").all_inner_texts()
        errors = " | ".join(text.strip() for text in shown if text.strip())
        raise AssertionError(
            f"Signing in as {username!r} failed: still on {page.url} ({errors or 'no message'})"
        )
    return _pass_two_factor(page, username, response)


def sign_in(page, url, domain: str, username: str, password: str = PASSWORD):
    """Sign in through the real login form of `domain`'s admin; returns the final response."""
    response = page.goto(url(domain, "/admin/login/"))
    assert response is not None and response.ok, (
        f"The login page of {domain} answered {response and response.status}"
    )
    return submit_login_form(page, username, password)
