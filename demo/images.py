"""Pictures for the demo, drawn with Pillow (no downloads), stored as Wagtail images with alt texts.

No text is drawn inside the pictures: everything they show is also said in the alt text and on the page.
"""
import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

BLUE, DARK, LIGHT, GREEN, ORANGE, GREY = "#1d4f91", "#0b0c0c", "#f3f2f1", "#00703c", "#f47738", "#b1b4b6"


def _canvas(width=800, height=500, background=LIGHT):
    image = Image.new("RGB", (width, height), background)
    return image, ImageDraw.Draw(image)


def draw_service_centre():
    """A one-storey office with a wide door, a ramp with handrails and a bus-stop sign."""
    image, d = _canvas()
    d.rectangle([0, 420, 800, 500], fill=GREY)  # ground
    d.rectangle([140, 170, 560, 420], fill="white", outline=DARK, width=6)  # building
    d.polygon([(120, 175), (350, 70), (580, 175)], fill=BLUE, outline=DARK)  # roof
    for x in (180, 430):
        d.rectangle([x, 220, x + 90, 300], fill="#cfe0f5", outline=DARK, width=4)  # windows
    d.rectangle([300, 250, 400, 420], fill=BLUE, outline=DARK, width=4)  # wide door
    d.polygon([(400, 420), (400, 395), (620, 420)], fill="#8a8a8a", outline=DARK)  # ramp
    d.line([(400, 360), (620, 385)], fill=DARK, width=5)  # handrail
    d.ellipse([660, 300, 720, 360], fill=GREEN, outline=DARK, width=4)  # bus-stop sign
    d.rectangle([686, 360, 694, 420], fill=DARK)
    # wheelchair symbol on the door
    d.ellipse([338, 280, 356, 298], fill="white")
    d.arc([322, 315, 378, 371], 20, 340, fill="white", width=6)
    d.line([(347, 300), (347, 335), (372, 335)], fill="white", width=6)
    return image


def draw_meter():
    """An electricity meter: a grey case, a digital display and a pulse lamp."""
    image, d = _canvas(600, 600)
    d.rounded_rectangle([120, 60, 480, 540], radius=30, fill="white", outline=DARK, width=6)
    d.rectangle([170, 130, 430, 220], fill="#1b1b1b")
    for i in range(6):
        x = 185 + i * 40
        d.rectangle([x, 150, x + 28, 200], outline="#7cfc00", width=4)
    d.ellipse([190, 260, 230, 300], fill=ORANGE, outline=DARK, width=3)  # pulse lamp
    d.rectangle([260, 265, 430, 295], fill=GREY)
    d.rectangle([170, 360, 430, 470], fill="#dcdcdc", outline=DARK, width=4)  # terminal cover
    for i in range(4):
        d.ellipse([195 + i * 60, 400, 225 + i * 60, 430], fill=DARK)
    return image


def draw_map(points):
    """A schematic map of the region: coastline, the Northern Dvina river and the centres as dots."""
    image, d = _canvas(800, 600, "#dbe9f6")
    d.polygon([(0, 120), (160, 90), (260, 160), (330, 110), (420, 150), (520, 90), (800, 140),
               (800, 600), (0, 600)], fill="#eef3e2", outline=DARK)  # land below the White Sea
    river = [(360, 170), (380, 240), (430, 300), (470, 380), (560, 470), (640, 540)]
    d.line(river, fill="#5b9bd5", width=10, joint="curve")
    lat_min, lat_max, lon_min, lon_max = 60.5, 65.5, 36.5, 48.5
    for lat, lon in points:
        x = 40 + (lon - lon_min) / (lon_max - lon_min) * 720
        y = 560 - (lat - lat_min) / (lat_max - lat_min) * 480
        d.ellipse([x - 14, y - 14, x + 14, y + 14], fill=ORANGE, outline=DARK, width=4)
    return image


def draw_price_chart(shares):
    """A pie chart of the parts of the retail electricity price; colours only, figures on the page."""
    image, d = _canvas(600, 600, "white")
    colours = [BLUE, ORANGE, GREEN, "#912b88", GREY]
    start = -90.0
    for share, colour in zip(shares, colours):
        end = start + 360 * share / 100
        d.pieslice([60, 60, 540, 540], start, end, fill=colour, outline="white", width=4)
        middle = math.radians((start + end) / 2)
        d.line([(300, 300), (300 + 240 * math.cos(middle), 300 + 240 * math.sin(middle))], fill="white", width=2)
        start = end
    return image


PRICE_SHARES = [("Производство электроэнергии и мощности", "Generation of energy and capacity", 42),
                ("Передача по сетям", "Transmission through the grid", 45),
                ("Сбытовая надбавка гарантирующего поставщика", "Supplier's retail markup", 9),
                ("Услуги инфраструктуры рынка", "Market infrastructure services", 4)]

IMAGES = {
    "service-centre": ("Демо: центр обслуживания с пандусом", draw_service_centre,
                       "Одноэтажный центр обслуживания клиентов с широкой дверью, пандусом с поручнем "
                       "и остановкой автобуса рядом"),
    "meter": ("Демо: электросчётчик", draw_meter,
              "Электронный счётчик электроэнергии с цифровым табло и индикатором"),
    "map": ("Демо: карта центров обслуживания", None,
            "Схема Архангельской области: побережье Белого моря, Северная Двина и пять центров "
            "обслуживания — Архангельск, Северодвинск, Новодвинск, Онега и Котлас"),
    "price-chart": ("Демо: структура цены на электроэнергию", lambda: draw_price_chart([s for *_n, s in PRICE_SHARES]),
                    "Круговая диаграмма: передача по сетям — 45 %, производство — 42 %, сбытовая "
                    "надбавка — 9 %, инфраструктура рынка — 4 %"),
}


def load(points):
    """Create the images that are missing; returns {key: image}. Existing ones are kept as they are."""
    model = get_image_model()
    found = {}
    for key, (title, draw, description) in IMAGES.items():
        image_obj = model.objects.filter(title=title).first()
        if image_obj is None:
            picture = draw_map(points) if key == "map" else draw()
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG", optimize=True)
            image_obj = model(title=title, description=description,
                              file=ImageFile(buffer, name=f"demo-{key}.png"))
            image_obj.save()
        found[key] = image_obj
    return found
