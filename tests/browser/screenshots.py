"""`python -m tests.browser.screenshots` (or `make screenshots`): every page type at 390 and
1366 px wide, into docs/screenshots/<portal>-<page>-<width>.png.

Serves the demo network (`make setup` first) on a free port and shoots it
with Debian's Chromium through Playwright (full pages, images loaded).
"""

from __future__ import annotations

import argparse

from PIL import Image
from playwright.sync_api import sync_playwright

from .demo_pages import CHROMIUM, CHROMIUM_ARGS, ROOT, pages, served

WIDTHS = (390, 1366)
FOLDER = ROOT / "docs" / "screenshots"


def shrink(path) -> None:
    """256 colours, no dithering: a third of the size, the design still plain to see."""
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(
            256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.browser.screenshots", description=__doc__
    )
    parser.add_argument(
        "--only", nargs="+", metavar="PAGE", help="shoot these pages only (e.g. tinh-schedule)"
    )
    args = parser.parse_args()
    FOLDER.mkdir(parents=True, exist_ok=True)
    with served() as port, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, locale="vi-VN", device_scale_factor=1
            )
            page = context.new_page()
            for demo in pages(port):
                if args.only and demo.name not in args.only:
                    continue
                page.goto(demo.url, wait_until="networkidle")
                # Full-page shots: load the images below the fold too.
                page.evaluate(
                    "document.querySelectorAll('img[loading=lazy]')"
                    ".forEach(image => { image.loading = 'eager'; })"
                )
                page.wait_for_load_state("networkidle")
                path = FOLDER / f"{demo.name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                shrink(path)
                print(f"{path.relative_to(ROOT)}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
