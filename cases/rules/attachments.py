"""What the form accepts as attachments: up to 5 files of at most 10 MB, PDF, JPEG or PNG,
judged by their content, not by their name (a renamed executable is refused)."""
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.template.defaultfilters import filesizeformat

MAX_FILES = 5
MAX_SIZE = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a phone photo is 12–50 Mpx; a "bomb" unpacks to gigapixels
EXTENSIONS = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}

_SIGNATURES = [(b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
               (b"\xff\xd8\xff", "image/jpeg")]


def sniff(head):
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_upload(uploaded):
    """Return the content type of an acceptable upload or raise ValidationError."""
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if uploaded.size > MAX_SIZE:
        raise ValidationError(_("Файл «%(name)s» больше %(max)s. Уменьшите его или разделите на части."),
                              code="too_big", params={"name": name, "max": filesizeformat(MAX_SIZE)})
    if uploaded.size == 0:
        raise ValidationError(_("Файл «%(name)s» пустой."), code="empty", params={"name": name})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    content_type = sniff(head)
    if extension not in EXTENSIONS or content_type is None or EXTENSIONS[extension] != content_type:
        raise ValidationError(_("Файл «%(name)s» должен быть в формате PDF, JPG или PNG."),
                              code="wrong_type", params={"name": name})
    if content_type.startswith("image/"):
        _check_image(uploaded, name)
    else:
        _check_pdf(uploaded, name)
    uploaded.seek(0)
    return content_type


def _check_image(uploaded, name):
    from PIL import Image

    broken = ValidationError(_("Файл «%(name)s» повреждён или не открывается как изображение."),
                             code="broken", params={"name": name})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _("Изображение «%(name)s» слишком большое по числу точек. Уменьшите его."),
                        code="bomb", params={"name": name})
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Изображение «%(name)s» слишком большое по числу точек. Уменьшите его."),
                              code="bomb", params={"name": name})
    except Exception:
        raise broken


def _check_pdf(uploaded, name):
    uploaded.seek(max(0, uploaded.size - 2048))
    tail = uploaded.read()
    if b"%%EOF" not in tail:
        raise ValidationError(_("Файл «%(name)s» повреждён или не является документом PDF."),
                              code="broken", params={"name": name})
