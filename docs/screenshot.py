"""Make docs/view.png, the README's picture, from the real output on the seeds.

    .venv/bin/python docs/screenshot.py

Builds seeds/ into a temporary folder, writes `kg viz --region 宝丰县`, opens it
in Debian's headless Chromium (network blocked) and takes a screenshot.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out, html = Path(tmp) / "out", Path(tmp) / "view.html"
        kg = [sys.executable, "-m", "kg.cli"]
        subprocess.run([*kg, "build", str(ROOT / "seeds"), "--out", str(out)], check=True)
        subprocess.run([*kg, "viz", "--region", "宝丰县", "--out", str(out), "-o", str(html)], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(html.as_uri())
            page.wait_for_function("document.body.dataset.settled === 'yes'", timeout=60000)
            page.screenshot(path=str(ROOT / "docs" / "view.png"))
            browser.close()
    print(ROOT / "docs" / "view.png")


if __name__ == "__main__":
    main()
