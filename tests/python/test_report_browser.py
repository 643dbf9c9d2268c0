"""The report in a real browser: headless Chromium (Debian's, installed by
scripts/system-env.sh, driven by Playwright) opens report.html without a console error or a
single network request, and every chart renders: it has a size, its labels lie inside it, and
its pixels are not blank."""

import io
import shutil

import pytest

import cxkit

chromium = shutil.which("chromium")
if chromium is None:
    pytest.skip("Chromium is not installed (scripts/system-env.sh installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
Image = pytest.importorskip("PIL.Image")

# Flags for a closed network and a root user (no sandbox), as Debian's Chromium needs here.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    cxkit.report(out=out, seed=3, customers=5_000)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        problems, requests = [], []
        page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: requests.append(r.url))
        url = (out / "report.html").as_uri()
        page.goto(url, wait_until="load")
        page.problems, page.requests, page.url_loaded = problems, requests, url
        page.screenshot(path=str(out / "report.png"), full_page=True)  # for a person to look at
        yield page
        browser.close()


def test_opens_without_errors_or_network(page):
    assert page.problems == []
    assert page.requests == [page.url_loaded]  # the page itself, nothing fetched
    assert page.title() == "cxkit report"
    assert page.locator("section").count() == 7
    assert page.locator("p.finding").count() == 7


def test_every_chart_renders(page):
    charts = page.locator("svg")
    assert charts.count() == 9
    for i in range(charts.count()):
        chart = charts.nth(i)
        title = chart.locator("title").first.text_content()
        box = chart.bounding_box()
        assert box["width"] > 300 and box["height"] > 100, (title, box)
        # Every drawn label lies inside its chart (nothing clipped at the edges).
        outside = chart.evaluate(
            """svg => {
                const r = svg.getBoundingClientRect();
                return [...svg.querySelectorAll('text')].filter(t => {
                    const b = t.getBoundingClientRect();
                    return b.width > 0 && (b.left < r.left - 1 || b.right > r.right + 1 ||
                                           b.top < r.top - 1 || b.bottom > r.bottom + 1);
                }).map(t => t.textContent);
            }"""
        )
        assert outside == [], (title, outside)
        # Shapes were painted: a good share of non-background pixels in several colours.
        img = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
        pixels = list(img.get_flattened_data())
        ink = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
        colours = len(set(pixels))
        assert ink > 0.02 and colours > 8, (title, ink, colours)
