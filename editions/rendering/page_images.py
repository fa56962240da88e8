"""Page images and per-page PDFs made from the edition PDF."""

import io
import logging
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

logger = logging.getLogger(__name__)

# Widths in pixels: a strip thumbnail and a page image readable on a phone
# with the browser's own pinch zoom.
THUMBNAIL_WIDTH = 240
PAGE_IMAGE_WIDTH = 1400
WEBP_QUALITY = 74
JPEG_QUALITY = 80


def write_page_images(pdf_bytes: bytes, folder: Path) -> list[dict]:
    """Rasterise each page into WebP and JPEG files in ``folder``; return their names.

    Names are relative to the build folder, whose ``pages`` subfolder is ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf_bytes)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width_pt = page.get_width()
            bitmap = page.render(scale=PAGE_IMAGE_WIDTH / width_pt)
            image = bitmap.to_pil().convert("RGB")
            number = index + 1
            names = {}
            for kind, width in (("image", PAGE_IMAGE_WIDTH), ("thumb", THUMBNAIL_WIDTH)):
                sized = image if width == image.width else image.resize(
                    (width, round(image.height * width / image.width))
                )
                for extension, options in (("webp", {"quality": WEBP_QUALITY, "method": 4}),
                                           ("jpg", {"quality": JPEG_QUALITY, "optimize": True, "progressive": True})):
                    name = f"pages/{kind}-{number:02d}.{extension}"
                    sized.save(folder / Path(name).name, "WEBP" if extension == "webp" else "JPEG", **options)
                    names[f"{kind}_{extension}"] = name
            names["width"], names["height"] = image.width, image.height
            pages.append(names)
            page.close()
    finally:
        document.close()
    return pages


def write_page_pdfs(pdf_bytes: bytes, folder: Path, file_stem: str) -> list[dict]:
    """Write one PDF per page into ``folder``; return their names and sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as source:
        for index, page in enumerate(source.pages, start=1):
            single = pikepdf.new()
            single.pages.append(page)
            single.docinfo = single.make_indirect(pikepdf.Dictionary(source.docinfo))
            name = f"{file_stem}-hal-{index:02d}.pdf"
            single.save(folder / name, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
            written.append({"pdf": f"pages/{name}", "pdf_size": (folder / name).stat().st_size})
    return written
