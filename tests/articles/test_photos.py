"""Photos come out upright, in sRGB, flattened on white, stripped of metadata; bad files are refused."""

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from articles import photos
from articles.models import Photo
from articles.renditions import print_crop_path, store_photo
from tests import images


def open_media(media_root: Path, name: str) -> Image.Image:
    image = Image.open(media_root / name)
    image.load()
    return image


@pytest.mark.django_db
@pytest.mark.parametrize("orientation", [6, 3, 8])
def test_phone_photo_upright_everywhere(orientation, media_root, upload):
    data = images.jpeg_with_orientation(orientation, 3024, 4032 if orientation == 3 else 4032)

    photo = store_photo(upload(data, "IMG_2041.JPG"))

    master = open_media(media_root, photo.master.name)
    assert images.arrow_points_up(master)
    assert images.arrow_points_up(open_media(media_root, photo.working.name))
    for rendition in photo.renditions.all():
        assert images.arrow_points_up(open_media(media_root, rendition.file.name)), rendition.spec
    crop = open_media(media_root, print_crop_path(photo, 60, 80))
    assert images.arrow_points_up(crop)


@pytest.mark.django_db
def test_orientation_six_master_is_portrait(media_root, upload):
    photo = store_photo(upload(images.jpeg_with_orientation(6, 3024, 4032)))

    assert (photo.width, photo.height) == (3024, 4032)
    assert open_media(media_root, photo.master.name).size == (3024, 4032)


@pytest.mark.django_db
def test_stored_files_carry_no_exif_or_gps(media_root, upload):
    exif = Image.Exif()
    exif[0x0112] = 1
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (1.0, 54.0, 17.0)
    image = images.upright_arrow(800, 600)
    photo = store_photo(upload(images.encoded(image, "JPEG", exif=exif)))

    for name in [photo.master.name, photo.working.name, *[r.file.name for r in photo.renditions.all()]]:
        stored = open_media(media_root, name)
        assert not stored.getexif(), name
        assert "exif" not in stored.info, name


@pytest.mark.django_db
def test_cmyk_photo_becomes_srgb_and_red_stays_red(media_root, upload):
    photo = store_photo(upload(images.red_white_cmyk_jpeg()))

    for name in [photo.master.name, photo.rendition(320, "JPEG").file.name, photo.rendition(320, "WEBP").file.name]:
        image = open_media(media_root, name).convert("RGB")
        left = image.getpixel((image.width // 4, image.height // 2))
        right = image.getpixel((3 * image.width // 4, image.height // 2))
        assert left[0] > 200, (name, left)
        assert left[1] < 60, (name, left)
        assert left[2] < 60, (name, left)
        assert min(right) > 230, (name, right)
    assert open_media(media_root, photo.master.name).mode == "RGB"


@pytest.mark.django_db
@pytest.mark.parametrize("maker,name", [(images.transparent_logo_png, "logo.png"), (images.palette_gif_with_transparency, "ikon.gif")])
def test_transparency_is_flattened_on_white(maker, name, media_root, upload):
    photo = store_photo(upload(maker(), name))

    image = open_media(media_root, photo.rendition(320, "JPEG").file.name).convert("RGB")
    assert min(image.getpixel((2, 2))) > 240
    assert image.mode == "RGB"


@pytest.mark.django_db
def test_huge_pixel_count_is_refused_naming_the_limit(media_root, upload):
    with pytest.raises(photos.PhotoRejected) as refused:
        store_photo(upload(images.huge_png_header(), "bom.png", "image/png"))

    message = " ".join(refused.value.messages)
    assert "50" in message
    assert refused.value.code == "too_many_pixels"
    assert not Photo.objects.exists()
    assert not any(media_root.rglob("*.*"))


@pytest.mark.django_db
def test_large_camera_photo_gets_small_working_copy(media_root, upload):
    image = Image.new("RGB", (8000, 6000), (30, 120, 200))
    photo = store_photo(upload(images.encoded(image, "JPEG", quality=70), "DSC_9001.JPG"))

    assert (photo.width, photo.height) == (8000, 6000)
    assert max(open_media(media_root, photo.working.name).size) <= photos.WORKING_MAX_SIDE


@pytest.mark.django_db
def test_truncated_jpeg_is_refused_as_damaged(media_root, upload):
    with pytest.raises(photos.PhotoRejected) as refused:
        store_photo(upload(images.truncated_jpeg(0.6)))

    assert refused.value.code == "damaged"
    assert not Photo.objects.exists()


def test_pillow_still_refuses_truncated_images():
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.django_db
def test_malformed_exif_is_accepted_without_rotation(media_root, upload, caplog):
    with caplog.at_level(logging.WARNING, logger="articles.photos"):
        photo = store_photo(upload(images.jpeg_with_broken_exif()))

    assert (photo.width, photo.height) == (400, 300)
    assert images.arrow_points_up(open_media(media_root, photo.master.name))
    assert any("EXIF" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
@pytest.mark.parametrize("data,name,code", [
    (b"", "kosong.jpg", "empty"),
    (b"%PDF-1.7 not a photo", "surat.jpg", "not_image"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "gambar.svg", "not_image"),
])
def test_non_pictures_are_refused_in_indonesian(data, name, code, media_root, upload):
    with pytest.raises(photos.PhotoRejected) as refused:
        store_photo(upload(data, name))

    assert refused.value.code == code
    assert name in " ".join(refused.value.messages)


@pytest.mark.django_db
def test_tiff_is_refused_as_unsupported_type(media_root, upload):
    with pytest.raises(photos.PhotoRejected) as refused:
        store_photo(upload(images.encoded(images.upright_arrow(100, 100), "TIFF"), "scan.tif"))

    assert refused.value.code == "format"


@pytest.mark.django_db
def test_corpus_heic_and_rotated_photos_are_normalised(corpus, media_root):
    with (corpus / "photos" / "DSC_0427.JPG").open("rb") as handle:
        rotated = store_photo(handle, original_name="DSC_0427.JPG")
    with (corpus / "photos" / "kalender-bintang.heic").open("rb") as handle:
        heic = store_photo(handle, original_name="kalender-bintang.heic")

    assert (rotated.width, rotated.height) == (4000, 2661)
    assert (heic.width, heic.height) == (4032, 3024)
    assert heic.mime_type == "image/heic"
    web = open_media(media_root, heic.rendition(640, "WEBP").file.name)
    assert web.format == "WEBP"


def test_crop_keeps_focal_point_in_view():
    image = Image.new("RGB", (1000, 500), "white")
    image.paste((255, 0, 0), (900, 0, 1000, 500))

    cropped = photos.crop_to_aspect(image, 1.0, focal_x=0.95, focal_y=0.5)

    assert cropped.size == (500, 500)
    assert cropped.getpixel((480, 250)) == (255, 0, 0)


def test_print_size_at_150_dpi():
    assert photos.print_size_px(25.4, 50.8) == (150, 300)
