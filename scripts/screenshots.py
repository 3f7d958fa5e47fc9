"""Screenshots of every web page, in Russian and English, into examples/rendered/.

    make screenshots        (or: python scripts/screenshots.py [OUTPUT_FOLDER])

Serves the app as the browser tests do (shipped ontology, an edits folder, tokens for every
role, an audit log; tests/web/browser/support.py), writes a draft of the example
regional account manager through the API (created, edited once, agreed by the legal
service) so that the editor, the editions, the diff and the audit trail have something to
show, signs in as the admin and photographs each page with the system's Chromium at laptop
width (the position page also at phone width). Each picture is cut at 2,400 px and saved
with a 64-colour palette, which keeps the files small.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser tests' support module

from tests.web.browser.support import (  # noqa: E402
    LAPTOP,
    PHONE,
    chromium_missing,
    launch,
    seed_draft,
    serve,
    sign_in,
)

OUTPUT = ROOT / "examples" / "rendered"
POSITION = "regional-account-manager"
#: the tallest picture kept, in CSS pixels
MAX_HEIGHT = 2400


def break_a_duty(page: Any) -> None:
    """Empty the skills of the fourth duty and wait for the live check to place the
    violation at that field."""
    page.fill("#f-duties-3-supported_by", "")
    page.locator("#e-duties-3-supported_by .severity-error").wait_for(timeout=20_000)
    page.locator("#f-duties-3-supported_by").scroll_into_view_if_needed()


def search(term: str) -> str:
    """The home page's search for ``term``."""
    from urllib.parse import quote

    return f"/?q={quote(term)}"


#: (file name, path, what to do on the page first, whether the whole page is shown)
PAGES: list[tuple[str, Callable[[str], str], Callable[[Any], None] | None, bool]] = [
    ("home", lambda lang: "/", None, True),
    (
        "search",
        lambda lang: search("менеджера по работе с клиентами" if lang == "ru" else "negotiation"),
        None,
        True,
    ),
    ("position", lambda lang: f"/positions/{POSITION}", None, True),
    ("skill", lambda lang: "/skills/negotiation", None, True),
    ("gap", lambda lang: f"/gap?position={POSITION}&have=skill:crm&have=negotiation", None, True),
    ("editor-new", lambda lang: "/positions/new/edit", None, False),
    ("editor-check", lambda lang: f"/positions/{POSITION}/edit", break_a_duty, False),
    ("editions", lambda lang: f"/positions/{POSITION}/editions", None, True),
    ("diff", lambda lang: f"/positions/{POSITION}/editions/diff?from=1&to=2", None, True),
    ("audit", lambda lang: "/audit", None, True),
]


def shoot(page: Any, path: Path, whole: bool) -> None:
    """A PNG of the page (the whole page up to MAX_HEIGHT, else the viewport), small."""
    from PIL import Image

    raw = path.with_suffix(".raw.png")
    page.screenshot(path=str(raw), full_page=whole, animations="disabled")
    with Image.open(raw) as image:
        picture = image.convert("RGB")
        if picture.height > MAX_HEIGHT:
            picture = picture.crop((0, 0, picture.width, MAX_HEIGHT))
        small = picture.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    raw.unlink()
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    """Regenerate the screenshots; 2 when the browser is missing."""
    from playwright.sync_api import sync_playwright

    missing = chromium_missing()
    if missing is not None:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    output = Path(argv[0]) if argv else OUTPUT
    output.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as app, sync_playwright() as pw:
        seed_draft(app)
        browser = launch(pw)
        for lang in ("ru", "en"):
            context = browser.new_context(viewport=LAPTOP, base_url=app.url)
            page = context.new_page()
            sign_in(page, "admin", lang)
            for name, path_of, action, whole in PAGES:
                page.goto(path_of(lang))
                if action is not None:
                    action(page)
                shoot(page, output / f"web-{name}-{lang}.png", whole)
            phone = browser.new_context(viewport=PHONE, base_url=app.url, is_mobile=True)
            small = phone.new_page()
            small.goto(f"/lang/{lang}?next=/positions/{POSITION}")
            shoot(small, output / f"web-position-phone-{lang}.png", True)
            phone.close()
            context.close()
        browser.close()
    print(f"{2 * (len(PAGES) + 1)} screenshots in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
