"""CSV import of the dispatch system's outage export.

Format (documented for dispatchers in outages/IMPORT_FORMAT.md and on the upload page):
one row per settlement / street / houses; a header row names the columns (Russian or English,
any order, any case); delimiter «;» (as Excel saves it), «,» or tab; encoding UTF-8 or Windows-1251.

    номер;населённый пункт;улица;дома;начало;окончание;вид;причина;рэс
    A-101;Котлас;ул. Ленина;1-15 нечётные;12.03.2026 09:00;12.03.2026 17:00;плановое;Замена опор;kotlas

Rows sharing a «номер» form one outage with several places; a later file with the same number
updates that outage. The whole file is applied in one transaction or not at all: a file with
any rejected row cannot be committed.
"""
import csv
import datetime
import io
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outages import addresses
from outages import status as st
from outages.models import ImportBatch, NetworkDistrict, Outage, OutageEvent, OutageLocation, Settlement, Street

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
DELIMITERS = [";", ",", "\t", "|"]
DELIMITER_NAMES = {";": "«;» (точка с запятой)", ",": "«,» (запятая)", "\t": "табуляция", "|": "«|»"}

COLUMNS = {
    "number": ("номер", "№", "id", "number", "номер отключения"),
    "settlement": ("населенный пункт", "нп", "settlement", "город", "поселение"),
    "municipal_district": ("район", "municipal district"),
    "street": ("улица", "street"),
    "houses": ("дома", "houses", "номера домов"),
    "start": ("начало", "start", "дата начала"),
    "end": ("окончание", "end", "конец", "дата окончания"),
    "kind": ("вид", "kind", "тип"),
    "reason": ("причина", "reason"),
    "reason_en": ("причина англ", "reason en", "причина на английском"),
    "district": ("рэс", "district", "network district"),
}
REQUIRED = ("settlement", "start", "end", "kind", "reason")
COLUMN_LABELS = {"number": "номер", "settlement": "населённый пункт", "municipal_district": "район",
                 "street": "улица", "houses": "дома", "start": "начало", "end": "окончание", "kind": "вид",
                 "reason": "причина", "reason_en": "причина (англ.)", "district": "рэс"}
DATE_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%y %H:%M", "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class RowError:
    line: int
    column: str
    value: str
    message: str


@dataclass
class PlannedOutage:
    key: tuple
    external_id: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reason_ru: str
    reason_en: str
    district: NetworkDistrict
    lines: list = field(default_factory=list)
    locations: list = field(default_factory=list)  # (settlement, street or None, new street name, houses)
    existing: Outage = None
    change: str = "new"  # new, updated, unchanged
    changes: list = field(default_factory=list)

    @property
    def places(self):
        out = []
        for settlement, street, new_street, houses in self.locations:
            parts = [settlement.name]
            if street or new_street:
                parts.append(street.name if street else new_street)
            if houses:
                parts.append(houses)
            out.append(", ".join(parts))
        return "; ".join(out)


@dataclass
class ImportPlan:
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    columns: list = field(default_factory=list)
    outages: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    new_streets: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and bool(self.outages)

    def count(self, change):
        return sum(1 for o in self.outages if o.change == change)

    @property
    def delimiter_name(self):
        return DELIMITER_NAMES.get(self.delimiter, self.delimiter)


# ---- reading the file -----------------------------------------------------------------------

def decode(data):
    """Bytes → (text, encoding name), or FileProblem with a plain explanation."""
    if not data:
        raise FileProblem(_("Файл пустой."))
    if len(data) > MAX_BYTES:
        raise FileProblem(_("Файл больше %(mb)s МБ. Разделите выгрузку на несколько файлов.") % {"mb": MAX_BYTES // (1024 * 1024)})
    head = data[:65536]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(_("Это файл Excel, а не CSV. Откройте его в Excel и сохраните как «CSV (разделители — точки с запятой)»."))
    if b"\x00" in head:
        raise FileProblem(_("Файл не похож на текстовую таблицу CSV (в нём двоичные данные). Проверьте, тот ли файл выбран."))
    try:
        text, encoding = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1251"), "Windows-1251"
        except UnicodeDecodeError:
            raise FileProblem(_("Не удалось определить кодировку файла. Сохраните его в кодировке UTF-8 или Windows-1251."))
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if control > max(5, len(sample) // 100):
        raise FileProblem(_("Файл не похож на текстовую таблицу CSV (в нём много непечатаемых символов). Проверьте, тот ли файл выбран."))
    return text, encoding


def _header_key(name):
    return addresses.fold(name.replace("(", " ").replace(")", " ").replace(".", " "))


_ALIASES = {_header_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def map_header(cells):
    """Header cells → {column: index}; unknown columns are ignored."""
    mapping = {}
    for index, cell in enumerate(cells):
        column = _ALIASES.get(_header_key(cell))
        if column and column not in mapping:
            mapping[column] = index
    return mapping


def detect_layout(text):
    """Pick the delimiter whose header names the required columns, or explain what is missing."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise FileProblem(_("В файле нет строк с данными."))
    best = None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter))
        mapping = map_header(cells)
        found = sum(1 for c in REQUIRED if c in mapping)
        if best is None or found > best[0]:
            best = (found, delimiter, mapping, cells)
    found, delimiter, mapping, cells = best
    if found < len(REQUIRED):
        missing = [COLUMN_LABELS[c] for c in REQUIRED if c not in mapping]
        shown = first_line[:120] + ("…" if len(first_line) > 120 else "")
        raise FileProblem(
            _("Не найдены обязательные столбцы: %(missing)s. Первая строка файла должна содержать их названия "
              "(например: номер;населённый пункт;улица;дома;начало;окончание;вид;причина;рэс). "
              "Сейчас первая строка: «%(line)s».") % {"missing": ", ".join(missing), "line": shown})
    return delimiter, mapping


def parse_datetime(value):
    return _parse_datetime(" ".join(value.split()), timezone.get_current_timezone_name())


@lru_cache(maxsize=4096)  # a dispatch file repeats the same few dozen times
def _parse_datetime(value, tzname):
    import zoneinfo

    for fmt in DATE_FORMATS:
        try:
            naive = datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return timezone.make_aware(naive, zoneinfo.ZoneInfo(tzname))
    return None


def parse_kind(value):
    v = addresses.fold(value)
    if v.startswith(("план", "plan")):
        return st.PLANNED
    if v.startswith(("авар", "emerg", "внеплан", "unplan")):
        return st.EMERGENCY
    return None


# ---- building the plan -----------------------------------------------------------------------

class _Places:
    """Settlements, streets and districts loaded once per file, so 10,000 rows cost a few queries."""

    def __init__(self):
        self.settlements = {}
        for s in Settlement.objects.select_related("network_district"):
            for key in filter(None, (s.key, s.key_alt)):
                self.settlements.setdefault(key, []).append(s)
        self.districts = {}
        for d in NetworkDistrict.objects.all():
            for key in filter(None, (d.code, d.name_ru, d.name_en)):
                self.districts[addresses.fold(key)] = d
        self.streets = {}
        for s in Street.objects.all().only("pk", "settlement_id", "name", "name_ru", "name_en", "street_type",
                                           "key", "key_alt"):
            self.streets.setdefault(s.settlement_id, {}).setdefault(s.key, []).append(s)
            if s.key_alt and s.key_alt != s.key:
                self.streets[s.settlement_id].setdefault(s.key_alt, []).append(s)

    def street(self, settlement, name):
        street_type, key = addresses.street_key(name)
        candidates = self.streets.get(settlement.pk, {}).get(key, [])
        if len(candidates) > 1 and street_type:
            candidates = [s for s in candidates if s.street_type == street_type] or candidates
        return candidates[0] if candidates else None


def build_plan(text, encoding="UTF-8", create_streets=False):
    plan = ImportPlan(encoding=encoding)
    plan.delimiter, mapping = detect_layout(text)
    plan.columns = [COLUMN_LABELS[c] for c in mapping]
    places = _Places()
    groups = {}
    new_streets = {}
    reader = csv.reader(io.StringIO(text), delimiter=plan.delimiter)
    next(reader)  # header
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        plan.rows += 1
        if plan.rows > MAX_ROWS:
            raise FileProblem(_("В файле больше %(n)s строк. Разделите выгрузку на несколько файлов.") % {"n": MAX_ROWS})
        if len(plan.errors) > 1000:
            continue  # keep counting rows, but a report of a thousand errors is enough
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in mapping.items()}
        errors = []

        def err(column, message):
            errors.append(RowError(line, COLUMN_LABELS[column], cell.get(column, ""), message))

        for column in REQUIRED:
            if not cell.get(column):
                err(column, _("не заполнено"))
        starts_at = ends_at = kind = settlement = street = district = None
        if cell.get("start"):
            starts_at = parse_datetime(cell["start"])
            if not starts_at:
                err("start", _("дата не читается; нужен формат ДД.ММ.ГГГГ ЧЧ:ММ"))
        if cell.get("end"):
            ends_at = parse_datetime(cell["end"])
            if not ends_at:
                err("end", _("дата не читается; нужен формат ДД.ММ.ГГГГ ЧЧ:ММ"))
        if starts_at and ends_at and ends_at <= starts_at:
            err("end", _("окончание не позже начала"))
        if cell.get("kind"):
            kind = parse_kind(cell["kind"])
            if not kind:
                err("kind", _("неизвестный вид; допустимо «плановое» или «аварийное»"))
        if cell.get("settlement"):
            candidates = places.settlements.get(addresses.settlement_key(cell["settlement"]), [])
            if len(candidates) > 1 and cell.get("municipal_district"):
                want = addresses.fold(cell["municipal_district"])
                candidates = [s for s in candidates if addresses.fold(s.municipal_district_ru or "") == want]
            if not candidates:
                err("settlement", _("населённый пункт не найден в справочнике"))
            elif len(candidates) > 1:
                err("settlement", _("в справочнике несколько населённых пунктов с таким названием; укажите район"))
            else:
                settlement = candidates[0]
        new_street_name = ""
        if settlement and cell.get("street"):
            street = places.street(settlement, cell["street"])
            if street is None:
                if create_streets and addresses.street_key(cell["street"])[1]:
                    new_street_name = " ".join(cell["street"].split())
                    new_streets.setdefault((settlement.pk, addresses.street_key(new_street_name)),
                                           (settlement, new_street_name))
                else:
                    err("street", _("улица не найдена в справочнике этого населённого пункта"))
        houses = " ".join(cell.get("houses", "").split())
        if houses:
            if not cell.get("street"):
                err("houses", _("дома указаны без улицы"))
            try:
                addresses.parse_house_ranges(houses)
            except addresses.HouseRangeError as exc:
                err("houses", _("номера домов не читаются: «%(part)s»") % {"part": exc.args[0]})
        if cell.get("district"):
            district = places.districts.get(addresses.fold(cell["district"]))
            if not district:
                err("district", _("РЭС не найден в справочнике"))
        elif settlement:
            district = settlement.network_district
            if not district:
                err("district", _("не указан РЭС, и у населённого пункта он не задан"))
        if errors:
            plan.errors.extend(errors)
            continue
        external_id = cell.get("number", "")
        reason_ru = " ".join(cell["reason"].split())
        key = ("id", external_id) if external_id else ("row", kind, starts_at, ends_at, reason_ru, district.pk)
        planned = groups.get(key)
        if planned is None:
            planned = groups[key] = PlannedOutage(key, external_id, kind, starts_at, ends_at, reason_ru,
                                                  " ".join(cell.get("reason_en", "").split()), district)
        elif (planned.kind, planned.starts_at, planned.ends_at, planned.district) != (kind, starts_at, ends_at, district):
            plan.errors.append(RowError(line, COLUMN_LABELS["number"], external_id,
                                        _("строка с тем же номером, что и строка %(first)s, но с другими временем, видом или РЭС") % {
                                            "first": planned.lines[0]}))
            continue
        planned.lines.append(line)
        planned.locations.append((settlement, street, new_street_name, houses))
    if plan.rows == 0:
        raise FileProblem(_("В файле есть заголовок, но нет ни одной строки с данными."))
    plan.outages = list(groups.values())
    plan.new_streets = list(new_streets.values())
    _compare_with_registry(plan)
    return plan


def _location_set(locations):
    return frozenset((s.pk, street.pk if street else None, new.lower(), houses.lower())
                     for s, street, new, houses in locations)


def _compare_with_registry(plan):
    ids = [o.external_id for o in plan.outages if o.external_id]
    existing = {}
    for chunk_start in range(0, len(ids), 500):
        for outage in Outage.objects.filter(external_id__in=ids[chunk_start:chunk_start + 500]).prefetch_related("locations"):
            existing[outage.external_id] = outage
    unnumbered = [o for o in plan.outages if not o.external_id]
    by_key = {}
    if unnumbered:
        # Files without numbers: the same kind, window, district and reason is the same outage.
        starts = [o.starts_at for o in unnumbered]
        for outage in (Outage.objects.filter(external_id="", source=Outage.IMPORT, starts_at__gte=min(starts),
                                             starts_at__lte=max(starts)).prefetch_related("locations")):
            by_key[("row", outage.kind, outage.starts_at, outage.ends_at, outage.reason_ru,
                    outage.network_district_id)] = outage
    for planned in plan.outages:
        outage = existing.get(planned.external_id) if planned.external_id else by_key.get(planned.key)
        if outage is None:
            planned.change = "new"
            continue
        planned.existing = outage
        changes = []
        if outage.kind != planned.kind:
            changes.append(_("вид"))
        if outage.starts_at != planned.starts_at:
            changes.append(_("начало"))
        if outage.ends_at != planned.ends_at:
            changes.append(_("окончание"))
        if outage.reason_ru != planned.reason_ru or (planned.reason_en and outage.reason_en != planned.reason_en):
            changes.append(_("причина"))
        if outage.network_district_id != planned.district.pk:
            changes.append(_("РЭС"))
        old_places = frozenset((loc.settlement_id, loc.street_id, "", loc.houses.lower()) for loc in outage.locations.all())
        if old_places != _location_set(planned.locations):
            changes.append(_("места"))
        planned.changes = changes
        planned.change = "updated" if changes else "unchanged"


# ---- storing -------------------------------------------------------------------------------

def read_upload(uploaded_file, user=None):
    """Read an uploaded file into an ImportBatch awaiting preview; FileProblem if unreadable."""
    data = uploaded_file.read(MAX_BYTES + 1)
    text, encoding = decode(data)
    delimiter, _mapping = detect_layout(text)
    return ImportBatch.objects.create(filename=(uploaded_file.name or "")[:255], content=text, encoding=encoding,
                                      delimiter=delimiter, uploaded_by=user)


def plan_for_batch(batch, create_streets=False):
    return build_plan(batch.content, encoding=batch.encoding, create_streets=create_streets)


def commit(batch, create_streets=False):
    """Apply a batch: all or nothing. Returns the plan; raises FileProblem if it cannot be applied."""
    if batch.state != ImportBatch.PREVIEW:
        raise FileProblem(_("Эта загрузка уже применена или отменена. Загрузите файл заново."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.PREVIEW:
            raise FileProblem(_("Эта загрузка уже применена или отменена. Загрузите файл заново."))
        plan = plan_for_batch(batch, create_streets=create_streets)
        if not plan.ok:
            raise FileProblem(_("В файле есть отклонённые строки; ничего не загружено. Исправьте файл и загрузите его снова."))
        _apply(plan, batch)
        batch.state = ImportBatch.COMMITTED
        batch.committed_at = timezone.now()
        batch.rows = plan.rows
        batch.created_count = plan.count("new")
        batch.updated_count = plan.count("updated")
        batch.save()
    return plan


def _apply(plan, batch):
    created_streets = {}
    for settlement, name in plan.new_streets:
        street = Street(settlement=settlement, name=name, name_ru=name)
        street.save()
        created_streets[(settlement.pk, addresses.street_key(name))] = street

    def street_for(settlement, street, new_name):
        if street or not new_name:
            return street
        return created_streets[(settlement.pk, addresses.street_key(new_name))]

    new = [o for o in plan.outages if o.change == "new"]
    objects = [Outage(kind=o.kind, status=st.ANNOUNCED, starts_at=o.starts_at, ends_at=o.ends_at,
                      reason=o.reason_ru, reason_ru=o.reason_ru, reason_en=o.reason_en,
                      # every translated field given: modeltranslation's defaults are slow in bulk
                      advice="", advice_ru="", advice_en="", message="", message_ru="", message_en="",
                      network_district=o.district, external_id=o.external_id, source=Outage.IMPORT,
                      import_batch=batch) for o in new]
    Outage.objects.bulk_create(objects, batch_size=500)
    if objects and objects[0].pk is None:  # a backend that does not return keys
        by_id = {o.external_id: o for o in Outage.objects.filter(import_batch=batch)}
        objects = [by_id[o.external_id] for o in new]
    now = timezone.now()
    OutageEvent.objects.bulk_create(
        [OutageEvent(outage=obj, at=now, kind=OutageEvent.CREATED, status=st.ANNOUNCED, text="", text_ru="",
                     text_en="") for obj in objects],
        batch_size=1000)
    locations = []
    for planned, obj in zip(new, objects):
        for sort, (settlement, street, new_name, houses) in enumerate(planned.locations):
            locations.append(OutageLocation(outage=obj, settlement=settlement, houses=houses, sort_order=sort,
                                            street=street_for(settlement, street, new_name)))
    for planned in plan.outages:
        if planned.change != "updated":
            continue
        outage = planned.existing
        outage.kind, outage.starts_at, outage.ends_at = planned.kind, planned.starts_at, planned.ends_at
        outage.reason_ru = outage.reason = planned.reason_ru
        if planned.reason_en:
            outage.reason_en = planned.reason_en
        outage.network_district = planned.district
        outage.import_batch = batch
        outage.save()
        OutageLocation.objects.filter(outage=outage).delete()
        for sort, (settlement, street, new_name, houses) in enumerate(planned.locations):
            locations.append(OutageLocation(outage=outage, settlement=settlement, houses=houses, sort_order=sort,
                                            street=street_for(settlement, street, new_name)))
    OutageLocation.objects.bulk_create(locations, batch_size=1000)
