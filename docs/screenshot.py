"""Make the README's pictures from the real output on the seeds, in one run:

    .venv/bin/python docs/screenshot.py

Builds seeds/ into a temporary folder, writes `kg viz --region 宝丰县`, `kg site`
and `kg report`, opens each in Debian's headless Chromium (network blocked) and
saves docs/view.png, docs/site.png and docs/report.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from kg.view.site import slug

    with tempfile.TemporaryDirectory() as tmp:
        out, html = Path(tmp) / "out", Path(tmp) / "view.html"
        site, report = Path(tmp) / "site", Path(tmp) / "report.html"
        kg = [sys.executable, "-m", "kg.cli"]
        subprocess.run([*kg, "build", str(ROOT / "seeds"), "--out", str(out)], check=True)
        subprocess.run([*kg, "viz", "--region", "宝丰县", "--out", str(out), "-o", str(html)], check=True)
        subprocess.run([*kg, "site", "--out", str(out), "-o", str(site)], check=True)
        subprocess.run([*kg, "report", "--out", str(out), "-o", str(report)], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(html.as_uri())
            page.wait_for_function("document.body.dataset.settled === 'yes'", timeout=60000)
            # click 王代强: his panel pins beside the view
            who = "official:宝丰县/王代强"
            pos = page.evaluate(f"kgView.network.canvasToDOM(kgView.network.getPositions([{who!r}])[{who!r}])")
            box = page.locator("#network").bounding_box()
            page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
            page.click("#panel .rel")  # his post: the sentence and its article
            page.evaluate("kgView.network.fit()")
            page.wait_for_timeout(300)
            page.screenshot(path=str(DOCS / "view.png"))
            page.goto((site / "e" / f"{slug('region:宝丰县')}.html").as_uri())
            page.wait_for_timeout(1500)
            page.screenshot(path=str(DOCS / "site.png"))
            page.set_viewport_size({"width": 1100, "height": 1400})
            page.goto(report.as_uri())
            page.screenshot(path=str(DOCS / "report.png"))
            browser.close()
    for name in ("view", "site", "report"):
        print(DOCS / f"{name}.png")


if __name__ == "__main__":
    main()
