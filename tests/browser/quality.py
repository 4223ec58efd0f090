"""`python -m tests.browser.quality` (or `make quality`): Lighthouse, axe-core and the Nu HTML
Checker on every page type of the demo network; the table goes into docs/quality.md.

Serves the demo network (`make setup` first) on a free port. The tools are
fetched into var/tools the first time: npm `lighthouse@12.2.3` (run with
Debian's Chromium, mobile form factor), Maven Central's `nu.validator:validator`
(with its dependencies), and axe-core through `axe-playwright-python`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import urllib.error
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from .demo_pages import CHROMIUM, CHROMIUM_ARGS, ROOT, DemoPage, fetch, pages, served

TOOLS = ROOT / "var" / "tools"
LIGHTHOUSE_VERSION = "12.2.3"
VNU_VERSION = "26.5.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REPORT = ROOT / "docs" / "quality.md"
VNU_POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>portal.quality</groupId><artifactId>vnu-runner</artifactId><version>1</version>
  <dependencies><dependency><groupId>nu.validator</groupId><artifactId>validator</artifactId>
    <version>{VNU_VERSION}</version></dependency></dependencies>
</project>
"""


@dataclass
class Measures:
    scores: dict[str, int] = field(default_factory=dict)
    axe: list[str] = field(default_factory=list)  # rule ids of violations
    vnu: list[str] = field(default_factory=list)  # error messages
    weight_kb: int = 0


def lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return binary


def vnu_classpath() -> str:
    folder = TOOLS / "vnu"
    if not (folder / "lib").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pom.xml").write_text(VNU_POM)
        subprocess.run(
            ["mvn", "-q", "dependency:copy-dependencies", "-DoutputDirectory=lib"],
            cwd=folder,
            check=True,
        )
    return str(folder / "lib" / "*")


def run_lighthouse(binary: Path, url: str) -> tuple[dict[str, int], int]:
    """Category scores (0-100) on a mobile device and the page's transfer size in KB;
    no scores when Lighthouse cannot measure the page (e.g. the 404 page's status)."""
    # Lighthouse wants Chromium's new headless mode.
    args = ["--headless=new", *(arg for arg in CHROMIUM_ARGS if arg != "--headless")]
    flags = " ".join([*args, "--host-resolver-rules=MAP *.localhost 127.0.0.1"])
    result = subprocess.run(
        [str(binary), url, "--form-factor=mobile", "--output=json", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )  # fmt: skip
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {}, 0
    if report.get("runtimeError"):
        return {}, 0
    scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    return scores, round(weight)


def run_axe(demos: list[DemoPage]) -> dict[str, list[str]]:
    axe = Axe()
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for demo in demos:
            page.goto(demo.url, wait_until="networkidle")
            violations = axe.run(page).response["violations"]
            found[demo.name] = [f"{v['id']} ({len(v['nodes'])})" for v in violations]
        browser.close()
    return found


def run_vnu(demos: list[DemoPage]) -> dict[str, list[str]]:
    """Nu HTML Checker errors of each page's HTML (fetched over HTTP, checked as files)."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for demo in demos:
            path = Path(folder) / f"{demo.name}.html"
            path.write_text(fetch_any(demo.url))
            files[f"file:{path}"] = demo.name
        result = subprocess.run(
            ["java", "-cp", vnu_classpath(), "nu.validator.client.SimpleCommandLineValidator",
             "--errors-only", "--format", "json", *(uri[5:] for uri in files)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    found: dict[str, list[str]] = {name: [] for name in files.values()}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        found[files[message["url"]]].append(message["message"])
    return found


def fetch_any(url: str) -> str:
    """The body even of an error page (the 404 is checked too)."""
    try:
        return fetch(url)
    except urllib.error.HTTPError as error:
        return error.read().decode()


def write_report(demos: list[DemoPage], measures: dict[str, Measures]) -> None:
    rows = [
        "| page | performance | accessibility | best practices | SEO | weight (KB) "
        "| axe violations | Nu errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for demo in demos:
        m = measures[demo.name]
        scores = [str(m.scores.get(key, "–")) for key in CATEGORIES]
        axe = ", ".join(m.axe) if m.axe else "0"
        rows.append(
            f"| {demo.name} | {' | '.join(scores)} | {m.weight_kb} | {axe} | {len(m.vnu)} |"
        )
    details = []
    for demo in demos:
        for message in sorted(set(measures[demo.name].vnu)):
            details.append(f"- {demo.name}: {message}")
    text = REPORT.read_text() if REPORT.exists() else ""
    head = text.split("<!-- measured -->")[0] if "<!-- measured -->" in text else HEADER
    REPORT.write_text(
        head
        + "<!-- measured -->\n"
        + f"Measured on {date.today():%Y-%m-%d} by `make quality` on the demo network.\n\n"
        + "\n".join(rows)
        + "\n\nNu HTML Checker errors:\n\n"
        + ("\n".join(details) if details else "none")
        + "\n"
    )


HEADER = """# Page quality

`make quality` (`python -m tests.browser.quality`) serves the demo network and
measures one page of each type on the province's portal (`tinh-`) and on a
commune's (`xa-`): Lighthouse 12.2.3 scores on a mobile device (Debian's
Chromium), the page's weight with images, axe-core violations (rule and number
of elements) at 390 px, and the Nu HTML Checker's errors. The goals (issue 17):
performance ≥ 95, accessibility 100, best practices ≥ 95, SEO 100, 0 axe
violations, 0 Nu errors, home page ≤ 600 KB. Lighthouse's performance score
varies by a few points with the machine's load.

"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.quality", description=__doc__)
    parser.add_argument("--no-lighthouse", action="store_true", help="axe and Nu only (faster)")
    args = parser.parse_args()
    binary = None if args.no_lighthouse else lighthouse()
    with served() as port:
        demos = pages(port)
        measures = {demo.name: Measures() for demo in demos}
        for name, errors in run_vnu(demos).items():
            measures[name].vnu = errors
        for name, violations in run_axe(demos).items():
            measures[name].axe = violations
        for demo in demos:
            if binary is not None:
                scores, weight = run_lighthouse(binary, demo.url)
                measures[demo.name].scores, measures[demo.name].weight_kb = scores, weight
            m = measures[demo.name]
            print(demo.name, m.scores, f"{m.weight_kb} KB", f"axe {m.axe}", f"vnu {len(m.vnu)}")
    write_report(demos, measures)
    print(f"Written: {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
