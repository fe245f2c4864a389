"""Template context for the active theme and the low-vision settings."""
from django.conf import settings

from themes import low_vision


def active_theme():
    """The theme named by settings.THEME (default "default"); see docs/themes.md."""
    return getattr(settings, "THEME", "default") or "default"


def theme(request):
    state = low_vision.from_cookies(request.COOKIES) if request is not None else low_vision.LowVision()
    return {
        "theme_name": active_theme(),
        "low_vision": state,
        "current_path": request.get_full_path() if request is not None else "/",
    }
