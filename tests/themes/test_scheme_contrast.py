"""Every colour that carries meaning in a low-vision scheme has at least 7:1 against that scheme's background,
computed from the custom properties in the theme's stylesheet (the browser test checks the rendered colours)."""
import re
from pathlib import Path

import pytest

from themes import low_vision

CSS = Path(__file__).resolve().parents[2] / "themes" / "default" / "static" / "css" / "site.css"
MEANINGFUL = ["--fg", "--lv-error", "--lv-success", "--lv-focus", "--lv-badge", "--lv-pressed-bg"]


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def scheme_properties(scheme):
    match = re.search(r"html\.lv-scheme-" + scheme + r"\s*\{([^}]*)\}", CSS.read_text(encoding="utf-8"))
    assert match, f"no rule for scheme {scheme}"
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{6})", match.group(1)))


@pytest.mark.parametrize("scheme", low_vision.SETTINGS_BY_NAME["scheme"].values)
def test_meaningful_colours_have_7_to_1(scheme):
    props = scheme_properties(scheme)
    background = props["--lvbg"]
    ratios = {name: round(contrast(props[name], background), 2) for name in MEANINGFUL}
    assert all(ratio >= 7 for ratio in ratios.values()), ratios
    # the pressed button is inverted: its text on its own background, too
    assert contrast(props["--lv-pressed-text"], props["--lv-pressed-bg"]) >= 7


def test_errors_follow_the_scheme_everywhere():
    """No rule of the low-vision version leaves an error in the standard red."""
    css = CSS.read_text(encoding="utf-8")
    lv_part = css[css.index("html.lv-scheme-bw"):]
    assert "#d4351c" not in lv_part.lower()
    assert re.search(r"html\.lv \.error-message[^{]*\{[^}]*var\(--lv-error\)", css)
