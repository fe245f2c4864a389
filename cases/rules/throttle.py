"""Spam control without CAPTCHA: a limit on submissions per client in a sliding window."""


def allowed(recent_count, limit):
    """``recent_count`` submissions already made inside the window; ``limit`` per window."""
    return recent_count < limit


def parse_limit(text, default=(10, 3600)):
    """"10/3600" → (10, 3600): ten submissions an hour."""
    try:
        count, seconds = (int(part) for part in str(text).split("/"))
        if count > 0 and seconds > 0:
            return count, seconds
    except (TypeError, ValueError):
        pass
    return default
