"""Make a large synthetic edition: 24 pages, 60 articles, 40 phone-sized photos (run by benchmarks/run.py)."""

import io
import os
import random
import sys
from datetime import date
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prokopim.settings")
    import django

    django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from articles.renditions import store_photo  # noqa: E402
from editions.models import Edition, Page, Placement  # noqa: E402

PAGES = 24
PHOTOS = 40
WORDS = ("pemerintah kabupaten paser membangun jalan desa jembatan pasar warga petani nelayan sekolah puskesmas "
         "anggaran program kecamatan kegiatan pelayanan masyarakat sungai kebun hasil panen harga layanan").split()


def phone_photo(seed: int) -> bytes:
    """A 4032x3024 JPEG of about 4 MB.

    Coloured shapes give it structure. Texture made at a quarter of the size
    keeps detail after the downsampling to print size, as foliage or crowds do
    in real photos, and fine noise at full size imitates the sensor's.
    """
    generator = random.Random(seed)
    base = Image.linear_gradient("L").resize((4032, 3024))
    colour = Image.merge("RGB", [base, base.rotate(90).resize((4032, 3024)), base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)])
    draw = ImageDraw.Draw(colour)
    for _ in range(12):
        x, y = generator.randrange(4032), generator.randrange(3024)
        draw.ellipse([x, y, x + generator.randrange(200, 1200), y + generator.randrange(200, 900)],
                     fill=tuple(generator.randrange(256) for _ in range(3)))
    texture = Image.merge("RGB", [Image.effect_noise((1008, 756), 40) for _ in range(3)]).resize((4032, 3024), Image.Resampling.BICUBIC)
    grain = Image.merge("RGB", [Image.effect_noise((4032, 3024), 24) for _ in range(3)])
    blended = Image.blend(Image.blend(colour.filter(ImageFilter.GaussianBlur(2)), texture, 0.4), grain, 0.15)
    buffer = io.BytesIO()
    blended.save(buffer, "JPEG", quality=93)
    return buffer.getvalue()


def paragraph(generator: random.Random, words: int) -> str:
    return "<p>" + " ".join(generator.choice(WORDS) for _ in range(words)).capitalize() + ".</p>"


def generate_edition(day: str, distinct_photos: int = PHOTOS) -> Edition:
    """Create the edition of ``day`` with PAGES pages and PHOTOS uploaded photos.

    ``distinct_photos`` different pictures are made and uploaded in turn, so
    a test can upload the same few pictures many times to save time; each
    upload is still its own photo with its own print crop.
    """
    generator = random.Random(7)
    section, _ = Section.objects.get_or_create(slug="daerah", defaults={"name": "Daerah", "position": 1})
    pictures = [phone_photo(index) for index in range(distinct_photos)]
    photos = []
    for index in range(PHOTOS):
        data = pictures[index % distinct_photos]
        photos.append(store_photo(SimpleUploadedFile(f"IMG_{index:04d}.JPG", data), caption=f"Foto {index + 1}", credit="Benchmark"))
    edition = Edition.objects.create(date=date.fromisoformat(day), number=Edition.next_number())
    photo_index = 0
    for number in range(1, PAGES + 1):
        template = "section"
        if number == 1:
            template = "front"
        elif number == PAGES:
            template = "back"
        page = Page.objects.create(edition=edition, number=number, title=f"Halaman {number}", template=template)
        stories = 3 if number > 1 and number % 3 else 2
        for position in range(stories):
            count = generator.randrange(2, 4) if number == 1 else generator.randrange(3, 6)
            body = "".join(paragraph(generator, generator.randrange(40, 70)) for _ in range(count))
            article = Article.objects.create(
                section=section, headline=f"Berita {number}-{position} tentang pembangunan daerah",
                lead="Ringkasan berita untuk pengukuran.", body=body, status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
                feature_photo=photos[photo_index % PHOTOS] if photo_index < PHOTOS and position < 2 else None,
            )
            if position < 2:
                photo_index += 1
            Placement.objects.create(page=page, article=article, position=position,
                                     role=Placement.Role.LEAD if position == 0 else Placement.Role.SECONDARY)
    return edition


def main(day: str) -> None:
    generate_edition(day)
    print(f"generated edition {day}: {PAGES} pages, {PHOTOS} photos")


if __name__ == "__main__":
    main(sys.argv[1])
