"""The browser harness of tests/browser (live server, Chromium), reused for the journey here."""

from tests.browser.conftest import (  # noqa: F401  (fixtures and the report hook)
    browser,
    page,
    portal_server,
    pytest_runtest_makereport,
    url,
)
