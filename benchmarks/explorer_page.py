"""The explorer page's weight and its time to interactive in headless Chromium (not a test).

    python benchmarks/explorer_page.py [--site DIR] [--repeat 10]

Publishes the site into a temporary folder (or takes `--site`), serves it with
`sgam-onto serve` on 127.0.0.1, and prints the bytes of the page's HTML, script, style sheet
and data (raw and gzip-compressed), then loads `explorer.html?domain=DER&zone=Operation`
`--repeat` times in fresh tabs with the HTTP cache disabled. Time to interactive is the
page's `explorer-ready` performance mark: the data is read, the plane drawn and the
selection listed, so every link works.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILES = ("explorer.html", "explorer.js", "explorer.css", "explorer.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from sgam_onto.publish import publish
    from tests.browser.reader import ARGS, chromium, open_tab
    from tests.serve.server_fixture import running_server

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or publish(Path(tmp) / "site").out
        for name in FILES:
            data = (site / name).read_bytes()
            packed = len(gzip.compress(data))
            print(f"{name:15} {len(data) / 1024:7.1f} KB  gzip {packed / 1024:6.1f} KB")
        total = sum((site / n).stat().st_size for n in FILES)
        print(f"{'total':15} {total / 1024:7.1f} KB")
        times, loads = [], []
        with sync_playwright() as playwright, running_server(site) as url:
            browser = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
            try:
                for _ in range(args.repeat):
                    with open_tab(browser) as tab:
                        devtools = tab.page.context.new_cdp_session(tab.page)
                        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
                        tab.open(url + "explorer.html?domain=DER&zone=Operation")
                        times.append(tab.eval(
                            "performance.getEntriesByName('explorer-ready')[0].startTime"))
                        loads.append(tab.eval(
                            "performance.getEntriesByType('navigation')[0].loadEventEnd"))
            finally:
                browser.close()
    print(f"load event     median {statistics.median(loads):6.0f} ms")
    print(f"interactive    median {statistics.median(times):6.0f} ms "
          f"(min {min(times):.0f}, max {max(times):.0f}, n={len(times)})")


if __name__ == "__main__":
    main()
