"""Word documents written by hand for tests: a real .docx package (WordprocessingML in a zip).

Only the parts Word itself needs for these features are written: styles for
the Title and Heading styles, numbering for a bulleted list, a hyperlink
relationship and inline pictures.
"""

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
LINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Default Extension="emf" ContentType="image/x-emf"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>
</w:styles>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


class DocxWriter:
    """Collects paragraphs, then ``bytes()`` returns the .docx file."""

    def __init__(self):
        self.body: list[str] = []
        self.relationships: list[str] = []
        self.media: dict[str, bytes] = {}

    def _rel(self, kind: str, target: str, external: bool = False) -> str:
        rel_id = f"rId{len(self.relationships) + 10}"
        mode = ' TargetMode="External"' if external else ""
        self.relationships.append(f'<Relationship Id="{rel_id}" Type="{kind}" Target="{escape(target)}"{mode}/>')
        return rel_id

    @staticmethod
    def run(text: str, bold: bool = False, italic: bool = False) -> str:
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        props = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def paragraph(self, *runs: str, style: str = "", numbering: int | None = None) -> "DocxWriter":
        props = f'<w:pStyle w:val="{style}"/>' if style else ""
        if numbering is not None:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbering}"/></w:numPr>'
        props = f"<w:pPr>{props}</w:pPr>" if props else ""
        self.body.append(f"<w:p>{props}{''.join(runs)}</w:p>")
        return self

    def text(self, text: str, **style) -> "DocxWriter":
        return self.paragraph(self.run(text), **style)

    def link(self, text: str, url: str) -> str:
        rel_id = self._rel(LINK_REL, url, external=True)
        return f'<w:hyperlink r:id="{rel_id}">{self.run(text)}</w:hyperlink>'

    def table(self, rows: list[list[str]]) -> "DocxWriter":
        cells = "".join(
            "<w:tr>" + "".join(f"<w:tc><w:p>{self.run(cell)}</w:p></w:tc>" for cell in row) + "</w:tr>" for row in rows
        )
        self.body.append(f"<w:tbl>{cells}</w:tbl>")
        return self

    def picture(self, data: bytes, extension: str = "png", alt: str = "", width_px: int = 400,
                height_px: int = 300) -> "DocxWriter":
        name = f"image{len(self.media) + 1}.{extension}"
        self.media[name] = data
        rel_id = self._rel(IMAGE_REL, f"media/{name}")
        cx, cy = width_px * 9525, height_px * 9525
        drawing = (
            '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{len(self.media)}" name="Picture" descr="{escape(alt)}"/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="{name}" descr="{escape(alt)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
        self.body.append(f"<w:p>{drawing}</w:p>")
        return self

    def __bytes__(self) -> bytes:
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(self.body)}</w:body></w:document>'
        )
        rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            f'{"".join(self.relationships)}</Relationships>'
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", CONTENT_TYPES)
            package.writestr("_rels/.rels", PACKAGE_RELS)
            package.writestr("word/document.xml", document)
            package.writestr("word/_rels/document.xml.rels", rels)
            package.writestr("word/styles.xml", STYLES)
            package.writestr("word/numbering.xml", NUMBERING)
            for name, data in self.media.items():
                package.writestr(f"word/media/{name}", data)
        return buffer.getvalue()
