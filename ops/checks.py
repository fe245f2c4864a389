"""System checks for the deployment: private case files must never sit where nginx serves files."""
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=False)
def private_storage_outside_served_folders(app_configs=None, **kwargs):
    from cases.models import private_storage

    private = Path(private_storage().location).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = Path(getattr(settings, name)).resolve()
        if private == served or served in private.parents:
            errors.append(Error(
                f"CASES_PRIVATE_ROOT ({private}) is inside {name} ({served}): nginx would serve case "
                "attachments to anyone who guesses a name.",
                hint="Keep CASES_PRIVATE_ROOT outside MEDIA_ROOT and STATIC_ROOT (default: var/private/cases).",
                id="ops.E001"))
    return errors
