"""The «Контакты» setting's site-wide contacts (demonstration values, ``example.ru`` addresses).

The hotline is preloaded by the setting's data migration; the demo adds the others. A field an
editor has already filled is left as it is, so running the demo again keeps their values.
"""
from cms_pages.models import ContactSettings

CONTACTS = {
    "email": "info@example.ru",
    "connection_number": "8 (8182) 00-06-06",
    "connection_email": "tp@example.ru",
    "privacy_email": "pdn@example.ru",
}


def load(site):
    setting = ContactSettings.for_site(site)
    empty = {name: value for name, value in CONTACTS.items() if not getattr(setting, name)}
    for name, value in empty.items():
        setattr(setting, name, value)
    if empty:
        setting.save(update_fields=list(empty))
    return setting
