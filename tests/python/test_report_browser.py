"""The report in a real browser: headless Chromium (Debian's, installed by
scripts/system-env.sh, driven by Playwright) opens report.html, in English and in Chinese,
without a console error or a single network request, and every chart renders: it has a size,
its labels lie inside it and clear of each other and of the arrows, and its pixels are not
blank. In the Chinese report every Chinese glyph is drawn from a Chinese font of the page's
font stack (asked of the browser itself), not a fallback box."""

import io
import shutil
import subprocess

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


@pytest.fixture(scope="module", params=["en", "zh"])
def page(tmp_path_factory, request):
    out = tmp_path_factory.mktemp(f"report-{request.param}")
    cxkit.report(out=out, seed=3, customers=5_000, lang=request.param)
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
        page.lang = request.param
        page.screenshot(path=str(out / "report.png"), full_page=True)  # for a person to look at
        yield page
        browser.close()


def test_opens_without_errors_or_network(page):
    assert page.problems == []
    assert page.requests == [page.url_loaded]  # the page itself, nothing fetched
    assert page.title() == {"en": "cxkit report", "zh": "cxkit 报告"}[page.lang]
    assert page.locator("section").count() == 9
    assert page.locator("p.finding").count() == 9


def test_every_chart_renders(page):
    charts = page.locator("svg")
    # Survey, two of value, RFM, KANO, SERVQUAL, the path diagram, the satisfaction map and
    # the value at risk, the journey heat map and map, complaints, and what customers talk
    # about (topics by volume, by what they do to NPS, sentiment by channel).
    assert charts.count() == 15
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


def test_scatter_labels_clear_of_each_other_and_of_arrows(page):
    # The KANO diagram (with its migration arrow) and the importance-performance chart: no
    # label box overlaps another label, and no arrow runs through a label.
    for chart in page.locator("svg").all():
        clashes = chart.evaluate(
            """svg => {
                const labels = [...svg.querySelectorAll('text[font-size="10"]')]
                    .map(t => [t.textContent, t.getBBox()]);
                const arrows = [...svg.querySelectorAll('line[marker-end]')].map(l =>
                    ['x1', 'y1', 'x2', 'y2'].map(a => l[a].baseVal.value));
                const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width &&
                                          a.y < b.y + b.height && b.y < a.y + a.height;
                const crosses = (b, [x0, y0, x1, y1]) => {  // sampled along the segment
                    for (let k = 0; k <= 200; k++) {
                        const x = x0 + (x1 - x0) * k / 200, y = y0 + (y1 - y0) * k / 200;
                        if (x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height) return true;
                    }
                    return false;
                };
                const out = [];
                labels.forEach(([name, b], i) => {
                    labels.slice(i + 1).forEach(([other, c]) => {
                        if (overlap(b, c)) out.push(name + ' / ' + other);
                    });
                    arrows.forEach(a => { if (crosses(b, a)) out.push(name + ' / arrow'); });
                });
                return out;
            }"""
        )
        assert clashes == [], (chart.locator("title").first.text_content(), clashes)
    if page.lang == "zh":
        assert page.locator("svg line[marker-end]").count() == 1  # the planted migration


# The Chinese families of the report's font stack (crates/cxkit/src/report/html.rs).
CHINESE_FONTS = ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei"]


def test_chinese_glyphs_come_from_a_chinese_font(page):
    if page.lang != "zh":
        pytest.skip("the English report has no Chinese glyphs")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fontconfig's fc-list is not installed, so the fonts cannot be listed")
    # What the machine has: the Chinese families fontconfig lists, and those of the page's stack.
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True).stdout
    families = sorted({f.strip() for line in listed.splitlines() for f in line.split(",") if f.strip()})
    ours = [f for f in CHINESE_FONTS if f in families]
    print(f"Chinese fonts installed: {families or 'none'}; of the report's stack: {ours or 'none'}")
    assert ours, (
        f"no font of the report's stack {CHINESE_FONTS} is installed (fontconfig lists {families or 'none'}); "
        "scripts/system-env.sh installs fonts-wqy-microhei")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    # A heading, a finding, a bar label, a KANO point label and a table header.
    selectors = ["h1", "p.finding", "svg text[text-anchor=end]", "svg text[font-size='10']", "th"]
    stack = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert all(f'"{name}"' in stack for name in CHINESE_FONTS), stack
    for selector in selectors:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        text = page.locator(selector).first.text_content()
        han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        assert han > 0, (selector, text)
        # The Chinese characters are drawn from a Chinese font of the page's stack (Latin
        # letters and digits may come from another of its fonts).
        chinese = [f for f in fonts if f["familyName"] in CHINESE_FONTS]
        print(f"{selector}: drawn with {[(f['familyName'], f['glyphCount']) for f in fonts]}")
        assert sum(f["glyphCount"] for f in chinese) >= han, (selector, text, fonts)
