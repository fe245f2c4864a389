"""Unit tests of the plain rule functions."""
import datetime
import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.rules import attachments, deadlines, reference, retention, routing, throttle

D = datetime.date
# A calendar like 2026: 23 Feb (Mon) a holiday, 8 March on a Sunday moved to Monday 9 March.
CAL = deadlines.ProductionCalendar(holidays=frozenset({D(2026, 2, 23), D(2026, 3, 8), D(2026, 3, 9)}),
                                   working_weekends=frozenset({D(2026, 2, 28)}))


class TestReference:
    def test_format(self):
        value = reference.generate_reference(2026)
        assert reference.REFERENCE_RE.match(value), value
        assert value.startswith("ЕО-2026-")

    def test_alphabet_has_no_lookalikes(self):
        for ambiguous in "01OILSBZ258":
            assert ambiguous not in reference.ALPHABET

    def test_random_not_sequential(self):
        values = [reference.generate_reference(2026) for _ in range(2000)]
        assert len(set(values)) > 1990
        assert values != sorted(values)

    def test_deterministic_with_given_choice(self):
        rng = random.Random(1)
        a = reference.generate_reference(2026, choice=rng.choice)
        rng = random.Random(1)
        assert reference.generate_reference(2026, choice=rng.choice) == a

    @pytest.mark.parametrize("typed", ["ео-2026-7k3q9", " ЕО 2026 7K3Q9 ", "EO-2026-7K3Q9", "ЕО–2026–7К3Q9"])
    def test_normalise_what_people_type(self, typed):
        assert reference.normalise_reference(typed) == "ЕО-2026-7K3Q9"

    def test_invalid(self):
        assert not reference.is_valid_reference("ЕО-2026-7K3Q")
        assert not reference.is_valid_reference("ЕО-2026-0OOOO")

    def test_access_code(self):
        code = reference.generate_access_code()
        assert len(code) == 6 and code.isdigit()


class TestWorkingDays:
    def test_skips_weekend(self):
        # Friday 13 Feb 2026 + 1 working day = Monday 16 Feb
        assert deadlines.add_working_days(D(2026, 2, 13), 1, CAL) == D(2026, 2, 16)

    def test_skips_holiday_after_weekend(self):
        # Friday 20 Feb + 1 working day: Sat, Sun, holiday Mon 23 Feb → Tuesday 24 Feb
        assert deadlines.add_working_days(D(2026, 2, 20), 1, CAL) == D(2026, 2, 24)

    def test_ten_working_days_across_holiday(self):
        # From Mon 16 Feb: 17,18,19,20, (23 holiday), 24,25,26,27, (28 working Saturday), 2 March
        assert deadlines.add_working_days(D(2026, 2, 16), 10, CAL) == D(2026, 3, 2)

    def test_without_calendar_entries_plain_weekends(self):
        plain = deadlines.ProductionCalendar()
        assert deadlines.add_working_days(D(2026, 2, 20), 1, plain) == D(2026, 2, 23)

    def test_transferred_day_off(self):
        # Friday 6 March + 1 working day: weekend, then Monday 9 March (moved day off) → Tuesday 10
        assert deadlines.add_working_days(D(2026, 3, 6), 1, CAL) == D(2026, 3, 10)

    def test_zero_days(self):
        assert deadlines.add_working_days(D(2026, 2, 20), 0, CAL) == D(2026, 2, 20)

    def test_negative_days_refused(self):
        with pytest.raises(ValueError):
            deadlines.add_working_days(D(2026, 2, 20), -1, CAL)

    def test_calendar_days_move_off_non_working_day(self):
        # 30 days from 24 Jan 2026 is Monday 23 Feb, a holiday → Tuesday 24 Feb
        assert deadlines.due_date(D(2026, 1, 24), 30, deadlines.CALENDAR, CAL) == D(2026, 2, 24)
        assert deadlines.due_date(D(2026, 1, 2), 30, deadlines.CALENDAR, CAL) == D(2026, 2, 2)

    def test_working_days_between(self):
        assert deadlines.working_days_between(D(2026, 2, 20), D(2026, 2, 24), CAL) == 1

    def test_overdue(self):
        assert deadlines.is_overdue(D(2026, 2, 1), D(2026, 2, 2), closed=False)
        assert not deadlines.is_overdue(D(2026, 2, 1), D(2026, 2, 1), closed=False)
        assert not deadlines.is_overdue(D(2026, 2, 1), D(2026, 2, 2), closed=True)


def _route(**kwargs):
    base = dict(request_type="bill", unit_id=1, unit_name="Поставщик", is_third_party=True,
                third_party_email="x@example.invalid", deadline_days=7, deadline_kind="calendar",
                transfer_consent_required=True, reason="")
    base.update(kwargs)
    return routing.Route(**base)


class TestRouting:
    def test_choose_known_and_fallback(self):
        routes = {"bill": _route(), "other": _route(request_type="other", is_third_party=False)}
        assert routing.choose_route("bill", routes).request_type == "bill"
        assert routing.choose_route("unknown", routes).request_type == "other"
        with pytest.raises(routing.NoRoute):
            routing.choose_route("unknown", {})

    def test_forward_needs_consent_when_rule_says_so(self):
        assert not routing.may_forward(_route(), transfer_consent=False)
        assert routing.may_forward(_route(), transfer_consent=True)
        assert routing.may_forward(_route(transfer_consent_required=False), transfer_consent=False)
        assert not routing.may_forward(_route(is_third_party=False), transfer_consent=True)

    def test_question_only_for_third_party_with_consent(self):
        assert routing.needs_transfer_consent_question(_route())
        assert not routing.needs_transfer_consent_question(_route(is_third_party=False))
        assert not routing.needs_transfer_consent_question(_route(transfer_consent_required=False))


class TestRetentionAndThrottle:
    def test_purge_due(self):
        closed = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
        assert not retention.purge_due(closed, 30, closed + datetime.timedelta(days=29))
        assert retention.purge_due(closed, 30, closed + datetime.timedelta(days=30))
        assert not retention.purge_due(None, 30, closed)

    def test_throttle(self):
        assert throttle.allowed(2, 3) and not throttle.allowed(3, 3)
        assert throttle.parse_limit("5/60") == (5, 60)
        assert throttle.parse_limit("nonsense") == (10, 3600)


def _png(size=(10, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


class TestAttachments:
    def test_png_pdf_jpeg_accepted(self):
        assert attachments.check_upload(SimpleUploadedFile("a.png", _png())) == "image/png"
        buffer = io.BytesIO()
        Image.new("RGB", (5, 5)).save(buffer, "JPEG")
        assert attachments.check_upload(SimpleUploadedFile("a.JPG", buffer.getvalue())) == "image/jpeg"
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        assert attachments.check_upload(SimpleUploadedFile("a.pdf", pdf)) == "application/pdf"

    @pytest.mark.parametrize("name,content,code", [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, "wrong_type"),      # renamed executable
        ("notes.txt", b"hello", "wrong_type"),
        ("photo.png", b"%PDF-1.4 ... %%EOF", "wrong_type"),              # name and content disagree
        ("empty.pdf", b"", "empty"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "broken"),
        ("cut.pdf", b"%PDF-1.4\n" + b"x" * 100, "broken"),
    ])
    def test_refused(self, name, content, code):
        with pytest.raises(ValidationError) as error:
            attachments.check_upload(SimpleUploadedFile(name, content))
        assert error.value.code == code

    def test_too_big(self):
        upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * attachments.MAX_SIZE + b"%%EOF")
        with pytest.raises(ValidationError) as error:
            attachments.check_upload(upload)
        assert error.value.code == "too_big"

    def test_decompression_bomb(self):
        # A small PNG file that claims 20000×20000 pixels (400 Mpx).
        data = _bomb_png()
        assert len(data) < 1_000_000
        with pytest.raises(ValidationError) as error:
            attachments.check_upload(SimpleUploadedFile("bomb.png", data))
        assert error.value.code == "bomb"


def _bomb_png():
    """A valid PNG header declaring 20000×20000 pixels, with a tiny compressed body."""
    import struct
    import zlib

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    width = height = 20000
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    raw = zlib.compress(b"\x00" * (width // 8 + 1) * 100)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
