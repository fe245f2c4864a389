"""The low-vision version (версия для слабовидящих): its settings, cookies and CSS classes.

Everything is decided on the server from cookies, so the mode works without JavaScript and a
given mode can be reproduced by setting the documented cookies (docs/low-vision.md). Values are
read only from fixed whitelists: an unknown, oversized or missing value falls back to the default.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

COOKIE_ENABLED = "lv"  # "1" turns the low-vision version on; absent or anything else: off
COOKIE_PREFIX = "lv_"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # remembered for a year
ENABLED_VALUE = "1"
# The panel folds behind one control after the first choice; "open" or "closed" (docs/low-vision.md).
COOKIE_PANEL = "lv_panel"
PANEL_VALUES = ("open", "closed")


@dataclass(frozen=True)
class Setting:
    """One adjustable setting: its request parameter, cookie and allowed values."""

    name: str  # request parameter; the cookie is COOKIE_PREFIX + name
    label: object
    choices: tuple  # ((value, label), ...) in display order
    default: str
    css_prefix: str

    @property
    def cookie(self):
        return COOKIE_PREFIX + self.name

    @property
    def values(self):
        return [value for value, _label in self.choices]

    def clean(self, raw):
        """The value if it is one of the allowed ones, else None (never an exception)."""
        if not isinstance(raw, str) or len(raw) > 20:
            return None
        raw = raw.strip()
        return raw if raw in self.values else None


SETTINGS = (
    Setting("size", _("Размер шрифта"), (
        ("100", _("100 %")), ("125", _("125 %")), ("150", _("150 %")),
        ("175", _("175 %")), ("200", _("200 %")), ("250", _("250 %")),
    ), "150", "lv-size-"),
    Setting("scheme", _("Цвета сайта"), (
        ("bw", _("Чёрный текст на белом фоне")),
        ("wb", _("Белый текст на чёрном фоне")),
        ("blue", _("Тёмно-синий текст на голубом фоне")),
        ("brown", _("Коричневый текст на бежевом фоне")),
        ("green", _("Зелёный текст на тёмно-коричневом фоне")),
    ), "bw", "lv-scheme-"),
    Setting("images", _("Изображения"), (
        ("on", _("Показывать")),
        ("off", _("Не показывать, только описание")),
        ("grey", _("Чёрно-белые")),
    ), "on", "lv-images-"),
    Setting("letter", _("Расстояние между буквами"), (
        ("normal", _("Обычное")), ("wide", _("Увеличенное")), ("wider", _("Большое")),
    ), "normal", "lv-letter-"),
    Setting("line", _("Расстояние между строками"), (
        ("normal", _("Обычное (1,5)")), ("wide", _("Увеличенное (2)")), ("wider", _("Большое (2,5)")),
    ), "normal", "lv-line-"),
    Setting("font", _("Шрифт"), (
        ("sans", _("Без засечек")), ("serif", _("С засечками")),
    ), "sans", "lv-font-"),
)
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass
class LowVision:
    """The low-vision state of one request, as templates see it."""

    enabled: bool = False
    values: dict = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})
    panel_open: bool = True

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    @property
    def images_off(self):
        return self.enabled and self.values["images"] == "off"

    @property
    def css_classes(self):
        """Classes for <html>: empty in the normal version."""
        if not self.enabled:
            return ""
        return " ".join(["lv"] + [f"{s.css_prefix}{self.values[s.name]}" for s in SETTINGS])

    def groups(self):
        """Panel data: each setting with its options and which one is pressed."""
        return [
            {
                "name": s.name,
                "label": s.label,
                "options": [
                    {"value": value, "label": label, "pressed": self.values[s.name] == value}
                    for value, label in s.choices
                ],
            }
            for s in SETTINGS
        ]


def from_cookies(cookies):
    """Read the state from request cookies; anything unknown is ignored."""
    state = LowVision(enabled=cookies.get(COOKIE_ENABLED) == ENABLED_VALUE)
    chosen = False
    for setting in SETTINGS:
        value = setting.clean(cookies.get(setting.cookie))
        if value is not None:
            state.values[setting.name] = value
            chosen = True
    panel = cookies.get(COOKIE_PANEL)
    # open until the reader has chosen something; then folded unless they opened it again
    state.panel_open = panel == "open" if panel in PANEL_VALUES else not chosen
    return state


def panel_from_params(params, switch, values):
    """The panel state a change asks for: explicit ``panel``, else folded after a choice,
    open when the version is just switched on; None: leave the cookie as it is."""
    panel = params.get("panel")
    if panel in PANEL_VALUES:
        return panel
    if values:
        return "closed"
    if switch == "on":
        return "open"
    return None


def changes_from_params(params):
    """What a submitted settings form asks for: ("on" | "off" | None, {setting: value}).

    Any valid setting implies turning the version on; invalid values are dropped.
    """
    switch = params.get("lv")
    switch = switch if switch in ("on", "off") else None
    values = {}
    for setting in SETTINGS:
        value = setting.clean(params.get(setting.name))
        if value is not None:
            values[setting.name] = value
    if values and switch is None:
        switch = "on"
    return switch, values


def apply_to_response(response, switch, values, secure=False, panel=None):
    """Write the cookies for a change; switching off forgets every setting."""
    options = {"max_age": COOKIE_MAX_AGE, "samesite": "Lax", "httponly": True, "secure": secure}
    if switch == "off":
        response.delete_cookie(COOKIE_ENABLED, samesite="Lax")
        response.delete_cookie(COOKIE_PANEL, samesite="Lax")
        for setting in SETTINGS:
            response.delete_cookie(setting.cookie, samesite="Lax")
        return response
    if panel in PANEL_VALUES:
        response.set_cookie(COOKIE_PANEL, panel, **options)
    if switch == "on":
        response.set_cookie(COOKIE_ENABLED, ENABLED_VALUE, **options)
    for name, value in values.items():
        response.set_cookie(SETTINGS_BY_NAME[name].cookie, value, **options)
    return response


def variant_key(cookies):
    """The normalised low-vision variant a page is rendered for, as one short string: "off", or
    "on." + each setting's value in SETTINGS order + "." + the panel state ("open"/"closed").

    Caches key pages on it (nginx's proxy_cache_key builds the same string from the cookies with
    maps in deploy/nginx.conf.template; the app sends it as X-Low-Vision-Variant so nginx stores a
    page only when both agree). Unknown values count as the default, as in from_cookies."""
    state = from_cookies(cookies)
    if not state.enabled:
        return "off"
    values = [state.values[s.name] for s in SETTINGS]
    return ".".join(["on", *values, "open" if state.panel_open else "closed"])
