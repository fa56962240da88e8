import factory
from django.utils import timezone

from articles.models import Article, Section
from editions.models import Edition, Page, Placement


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = "Pemerintahan"
    slug = factory.LazyAttribute(lambda section: section.name.lower())
    position = 1


def paragraphs(count: int = 4, words: int = 60) -> str:
    sentence = "Pemerintah kabupaten membangun jalan desa agar warga mudah menjual hasil kebun ke pasar kecamatan"
    base = sentence.split()
    text = " ".join((base * (words // len(base) + 1))[:words])
    return "".join(f"<p>{text}.</p>" for _ in range(count))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    section = factory.SubFactory(SectionFactory)
    kicker = "JALAN DESA"
    headline = factory.Sequence(lambda n: f"Jalan Desa Nomor {n} Selesai Dibangun Tepat Waktu")
    lead = "Warga dua desa kini bisa membawa hasil kebun ke pasar tanpa menunggu musim kemarau."
    body = factory.LazyFunction(paragraphs)
    byline = "Tim Redaksi"
    place = "Tana Paser"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    date = factory.Sequence(lambda n: timezone.localdate() - timezone.timedelta(days=n))
    number = factory.Sequence(lambda n: n + 1)


def edition_with_stories(articles_per_page=((2,), (2,)), **edition_fields) -> Edition:
    """An edition whose pages each hold new articles; page 1 uses the front template."""
    edition = EditionFactory(**edition_fields)
    for number, (count,) in enumerate(articles_per_page, start=1):
        page = Page.objects.create(edition=edition, number=number, title=f"Halaman {number}",
                                   template="front" if number == 1 else "section")
        for position in range(count):
            Placement.objects.create(
                page=page, article=ArticleFactory(), position=position,
                role=Placement.Role.LEAD if position == 0 else Placement.Role.SECONDARY,
            )
    return edition
