"""The editors' guide shows the screenshots the browser walk takes, in the same order."""

import re

from .test_newsroom_day import GUIDE_IMAGES, GUIDE_SHOTS, ROOT


def test_guide_shows_every_screenshot():
    guide = (ROOT / "docs" / "panduan-redaksi.md").read_text(encoding="utf-8")
    referenced = re.findall(r"\(img/([\w-]+)\.webp\)", guide)

    assert referenced == GUIDE_SHOTS
    for name in GUIDE_SHOTS:
        assert (GUIDE_IMAGES / f"{name}.webp").is_file(), (
            f"docs/img/{name}.webp is missing; take the screenshots with KORAN_GUIDE_SCREENSHOTS=1 "
            "(see the guide's last section)"
        )
