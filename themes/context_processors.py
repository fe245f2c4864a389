"""Template context for the active theme and the low-vision settings."""


def theme(request):
    return {"theme_name": "default"}
