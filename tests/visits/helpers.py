import re

from django.urls import reverse

CONTACTS = {"name": "Анна Петрова", "phone": "8 911 555-12-34", "email": "anna@example.invalid",
            "consent": "on"}


def time_url(centre, day, service=0, lang="ru"):
    from django.utils import translation
    with translation.override(lang):
        return reverse("visits:time", args=[centre.pk]) + f"?service={service}&day={day.isoformat()}"


def slot_values(html):
    return re.findall(r'name="slot" value="([^"]+)"', html)


def book(client, centre, day, time="11:00", lang="ru", REMOTE_ADDR="127.0.0.1", **extra):
    data = {**CONTACTS, "slot": f"{day.isoformat()}T{time}", **extra}
    return client.post(time_url(centre, day, lang=lang), data, REMOTE_ADDR=REMOTE_ADDR)


def token_of(response):
    match = re.search(r"/booking/token/([^/]+)/", response["Location"])
    return match.group(1)
